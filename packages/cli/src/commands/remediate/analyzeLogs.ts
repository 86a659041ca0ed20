import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  ClaudeReasoningService,
  readReasoningConfig,
  ReasoningService,
} from '@agentic-devops/plugin-agentic-node';
import {
  builtinFixSteps,
  fixStepMap,
  loadPlaybooks,
  LogAnalyzer,
} from '@agentic-devops/plugin-remediation-node';
import { Diagnosis } from '@agentic-devops/plugin-remediation-common';

/** One line of `remediate analyze --json`: a file's diagnosis, or why there is none. */
export type AnalyzeOutput =
  | ({
      file: string;
      category: Diagnosis['category'];
      playbookId: string | null;
      rootCause: string;
      evidence: Diagnosis['evidence'];
      riskLevel: Diagnosis['riskLevel'];
      confidence: number;
      autoFixable: boolean;
      fix: Diagnosis['fix'] | null;
      source: Diagnosis['source'];
      /** Lines addressed to the agent; the fix then needs approval. */
      promptInjection?: Diagnosis['promptInjection'];
      lines: number;
      bytes: number;
    } & { error?: undefined })
  | { file: string; error: string };

/**
 * The reasoning service the CLI asks when no rule matches: Claude when
 * ANTHROPIC_API_KEY is set (and `--offline` is not), nothing otherwise
 * (the rules engine has no more to say than the playbooks' rules).
 */
export function cliReasoning(options: {
  offline?: boolean;
  env?: NodeJS.ProcessEnv;
}): ReasoningService | undefined {
  const env = options.env ?? process.env;
  if (options.offline) return undefined;
  const anthropic = readReasoningConfig(
    new ConfigReader({
      agentic: {
        reasoning: {
          anthropic: {
            apiKey: env.ANTHROPIC_API_KEY ?? '',
            ...(env.ANTHROPIC_BASE_URL && { baseUrl: env.ANTHROPIC_BASE_URL }),
            ...(env.AGENTIC_CLAUDE_MODEL && {
              model: env.AGENTIC_CLAUDE_MODEL,
            }),
          },
        },
      },
    }),
  );
  if (!anthropic) return undefined;
  const quiet = () => {};
  const logger = {
    debug: quiet,
    info: quiet,
    warn: (message: string) => process.stderr.write(`warning: ${message}\n`),
    error: (message: string) => process.stderr.write(`error: ${message}\n`),
    child: () => logger,
  };
  return new ClaudeReasoningService({ ...anthropic, logger });
}

export function createAnalyzer(options: {
  playbooksDir: string;
  reasoning?: ReasoningService;
}): LogAnalyzer {
  const library = loadPlaybooks(options.playbooksDir, {
    knownStepTypes: new Set(builtinFixSteps.map(s => s.type)),
  });
  return new LogAnalyzer({
    library,
    stepTypes: fixStepMap(builtinFixSteps),
    reasoning: options.reasoning,
  });
}

/** Files named, with directories expanded to the files in them (sorted). */
export function expandPaths(paths: string[]): string[] {
  return paths.flatMap(p => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return [p]; // reported as that file's error
    }
    if (!stat.isDirectory()) return [p];
    return fs
      .readdirSync(p, { withFileTypes: true })
      .filter(e => e.isFile() && !e.name.startsWith('.'))
      .map(e => path.join(p, e.name))
      .sort();
  });
}

/** Diagnoses one log file, streaming it; errors become the output's `error`. */
export async function analyzeFile(
  analyzer: LogAnalyzer,
  file: string,
): Promise<AnalyzeOutput> {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return { file, error: 'not a regular file' };
    }
    const { diagnosis, lines, bytes } = await analyzer.analyze(
      fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
    );
    return {
      file,
      category: diagnosis.category,
      playbookId: diagnosis.playbookId,
      rootCause: diagnosis.rootCause,
      evidence: diagnosis.evidence,
      riskLevel: diagnosis.riskLevel,
      confidence: diagnosis.confidence,
      autoFixable: diagnosis.autoFixable,
      fix: diagnosis.fix ?? null,
      source: diagnosis.source,
      ...(diagnosis.promptInjection && {
        promptInjection: diagnosis.promptInjection,
      }),
      lines,
      bytes,
    };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const known: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
    };
    return {
      file,
      error: (e.code && known[e.code]) ?? e.message ?? String(error),
    };
  }
}
