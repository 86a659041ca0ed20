import { InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { jobTimeoutSeconds } from './jobTimeout';
import { LocalJob } from './types';

const execFileAsync = promisify(execFile);

/** One entry of `gitlab-ci-local --list-json` (rules already applied). */
interface ListedJob {
  name: string;
  stage: string;
  when: string;
  allow_failure: boolean | object;
  needs?: { job: string }[];
}

export interface PlanOptions {
  bin: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  checkout: string;
  pipelineId: string;
  timeouts: { defaultSeconds: number; maxSeconds: number };
}

/**
 * The jobs of the checkout's pipeline in the order the runner takes them:
 * by stage, and within a stage after the jobs they `need`. Jobs that rules
 * exclude (`when: never`) are left out. InputError when gitlab-ci-local
 * cannot read the CI configuration.
 */
export async function planPipeline(options: PlanOptions): Promise<LocalJob[]> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(
      process.execPath,
      [options.bin, ...options.args, '--list-json'],
      {
        cwd: options.checkout,
        env: options.env,
        maxBuffer: 16 * 1024 * 1024,
        timeout: 120_000,
      },
    ));
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    const message = stderr
      .split('\n')
      .filter(
        l =>
          l.trim() &&
          !/^(\s|Unable to retrieve|Using fallback|error: No such remote|fatal: ref)/.test(
            l,
          ),
      )
      .slice(-5)
      .join('\n');
    throw new InputError(
      `gitlab-ci-local cannot run this .gitlab-ci.yml: ${
        message || (error as Error).message
      }`,
    );
  }
  const listed: ListedJob[] = JSON.parse(stdout);
  const expanded = parse(
    await fs.readFile(
      path.join(options.checkout, '.gitlab-ci-local', 'expanded-gitlab-ci.yml'),
      'utf8',
    ),
  ) as Record<string, any>;

  const stages: string[] = expanded.stages ?? [
    '.pre',
    'build',
    'test',
    'deploy',
    '.post',
  ];
  const jobs = listed
    .filter(j => j.when !== 'never')
    .map(j => ({ listed: j, stageIndex: stages.indexOf(j.stage) }));
  const names = new Set(jobs.map(j => j.listed.name));

  // Stable order: by stage, then each job after those it needs in its stage.
  jobs.sort((a, b) => a.stageIndex - b.stageIndex);
  const ordered: typeof jobs = [];
  const placed = new Set<string>();
  const place = (job: (typeof jobs)[number], visiting: Set<string>) => {
    const name = job.listed.name;
    if (placed.has(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const need of job.listed.needs ?? []) {
      const needed = jobs.find(
        j => j.listed.name === need.job && j.stageIndex === job.stageIndex,
      );
      if (needed) place(needed, visiting);
    }
    placed.add(name);
    ordered.push(job);
  };
  jobs.forEach(j => place(j, new Set()));

  return ordered.map(({ listed: j }, index) => ({
    id: `${options.pipelineId}-${index + 1}`,
    name: j.name,
    stage: j.stage,
    when: j.when,
    allowFailure: j.allow_failure !== false,
    needs: j.needs?.map(n => n.job).filter(n => names.has(n)),
    timeoutSeconds: jobTimeoutSeconds(
      expanded[j.name]?.timeout ?? expanded.default?.timeout,
      options.timeouts,
    ),
    status: j.when === 'manual' ? 'manual' : 'created',
  }));
}
