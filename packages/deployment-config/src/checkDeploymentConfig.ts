import { Config } from '@backstage/config';
import { z } from 'zod';
import { deploymentConfigSchema } from './deploymentConfigSchema';

/** One thing wrong with the configuration, named by its config key. */
export interface ConfigProblem {
  key: string;
  message: string;
  /** The environment variable that feeds the key, when a config file says so. */
  envVar?: string;
}

function toKey(path: PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`,
    )
    .join('');
}

type Issue = z.core.$ZodIssue;

/**
 * A union (a connection string or an object) that matched no branch reports
 * one opaque issue; when the value's type picks a branch, report that
 * branch's own issues (`connection.password is missing`) instead.
 */
function expandUnions(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union') {
    return [issue];
  }
  const typeMatched = issue.errors.filter(
    branch =>
      !branch.some(i => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (typeMatched.length !== 1) {
    return [issue];
  }
  return typeMatched[0].flatMap(inner =>
    expandUnions({ ...inner, path: [...issue.path, ...inner.path] }),
  );
}

/** Checks the loaded configuration; an empty list means the backend may start. */
export function checkDeploymentConfig(config: Config): ConfigProblem[] {
  const result = deploymentConfigSchema.safeParse(config.get());
  if (result.success) {
    return [];
  }
  const problems = result.error.issues.flatMap(expandUnions).map(issue => {
    const key = toKey(issue.path);
    return { key, message: issue.message };
  });
  // A union reports the same key once per branch; say it once.
  return problems.filter(
    (p, i) => problems.findIndex(q => q.key === p.key) === i,
  );
}

/** A message that names every problem's key (and its env var, where known). */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  const lines = problems.map(
    p => `  - ${p.key} ${p.message}${p.envVar ? ` (set ${p.envVar})` : ''}`,
  );
  return `Invalid configuration, the backend will not start:\n${lines.join(
    '\n',
  )}`;
}
