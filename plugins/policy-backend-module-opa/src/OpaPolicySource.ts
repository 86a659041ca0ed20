import { Finding, ScanError } from '@agentic-devops/plugin-policy-common';
import {
  PolicyResource,
  PolicySource,
} from '@agentic-devops/plugin-policy-node';
import { OPAClient } from '@styra/opa';
import { z } from 'zod';
import { opaDecisionSchema, OpaViolation } from './decision';
import { mapConcurrently } from './mapConcurrently';
import { OpaSettings } from './readOpaSettings';

/** Decisions asked at once: enough to hide latency, few enough for one OPA. */
const DEFAULT_CONCURRENCY = 8;

type Verdict =
  | { findings: Finding[]; error?: undefined }
  | { findings?: undefined; error: string };

function describeError(error: unknown): string {
  if (!(error instanceof Error)) {
    // @styra/opa throws a bare string when the answer has no result object.
    return String(error);
  }
  let text =
    error.name && error.name !== 'Error'
      ? `${error.name}: ${error.message}`
      : error.message;
  // fetch's own reason (connect ECONNREFUSED …) sits at the end of the
  // causes (errors of another realm, so no instanceof).
  const causeOf = (e: unknown): unknown =>
    typeof e === 'object' && e !== null
      ? (e as { cause?: unknown }).cause
      : undefined;
  let root = causeOf(error);
  while (causeOf(root)) root = causeOf(root);
  const rootMessage = (root as { message?: unknown } | undefined)?.message;
  if (root !== causeOf(error) && typeof rootMessage === 'string') {
    text += ` (${rootMessage})`;
  }
  return text;
}

/**
 * Failures where no answer came back at all (refused, reset, timed out),
 * which say the server cannot be reached rather than this one decision
 * failed. @styra/opa calls a failed fetch a ConnectionError, or an
 * UnexpectedClientError when it does not recognise the TypeError.
 */
function isUnreachable(error: unknown): boolean {
  return (
    error instanceof Error &&
    [
      'ConnectionError',
      'RequestTimeoutError',
      'UnexpectedClientError',
    ].includes(error.name)
  );
}

/**
 * An OPA server as a policy source: for each resource, the decision at
 * `path` (Data API, `POST /v1/data/<path>` with the resource as `input`)
 * is the list of its violations. A decision that cannot be had (OPA down,
 * an error answer, an undefined or malformed result) is an error of the
 * scan that names the resource, never a pass.
 */
export class OpaPolicySource implements PolicySource {
  readonly id = 'opa';
  readonly #client: OPAClient;
  readonly #settings: OpaSettings;
  readonly #concurrency: number;

  constructor(settings: OpaSettings, options: { concurrency?: number } = {}) {
    this.#settings = settings;
    this.#concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.#client = new OPAClient(settings.baseUrl, {
      sdk: {
        timeoutMs: settings.timeoutMs,
        ...(settings.token && { bearerAuth: settings.token }),
      },
    });
  }

  async evaluate(
    resources: PolicyResource[],
    options: { signal?: AbortSignal } = {},
  ): Promise<{ findings: Finding[]; errors: ScanError[] }> {
    const { path, baseUrl } = this.#settings;
    // Once the server is found unreachable, the remaining resources are
    // reported at once rather than each waiting for its own timeout.
    let unreachable: string | undefined;

    const verdicts = await mapConcurrently(
      resources,
      this.#concurrency,
      async (resource): Promise<Verdict> => {
        options.signal?.throwIfAborted();
        if (unreachable) {
          return { error: `not evaluated: ${unreachable}` };
        }
        let result: unknown;
        try {
          result = await this.#decide(resource, options.signal);
        } catch (error) {
          options.signal?.throwIfAborted();
          if (isUnreachable(error)) {
            unreachable ??= `OPA at ${baseUrl} is unreachable (${describeError(
              error,
            )})`;
            return { error: unreachable };
          }
          return {
            error: `OPA answered with an error: ${describeError(error)}`,
          };
        }
        if (result === undefined) {
          return {
            error: `the decision data.${path.replace(
              /\//g,
              '.',
            )} is undefined (is the policy loaded on ${baseUrl}?)`,
          };
        }
        const decision = opaDecisionSchema.safeParse(result);
        if (!decision.success) {
          return {
            error: `the decision is not a list of violations: ${z
              .prettifyError(decision.error)
              .replace(/\n/g, '; ')}`,
          };
        }
        return {
          findings: decision.data.map(violation =>
            this.#toFinding(resource, violation),
          ),
        };
      },
    );

    const findings: Finding[] = [];
    const errors: ScanError[] = [];
    verdicts.forEach((verdict, index) => {
      const resource = resources[index];
      if (verdict.error !== undefined) {
        errors.push({
          file: resource.file,
          error: `OPA policy ${path} on ${resource.name}: ${verdict.error}`,
        });
      } else {
        findings.push(...verdict.findings);
      }
    });
    return { findings, errors };
  }

  #decide(resource: PolicyResource, signal?: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.#settings.timeoutMs);
    return this.#client.evaluate<Record<string, any>, unknown>(
      this.#settings.path,
      resource as unknown as Record<string, any>,
      {
        // A signal given here replaces the SDK's own timeout: keep both.
        fetchOptions: {
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        },
        retries: { strategy: 'none' },
      },
    );
  }

  #toFinding(resource: PolicyResource, violation: OpaViolation): Finding {
    return {
      ruleId: violation.ruleId,
      severity: violation.severity,
      file: resource.file,
      line: resource.line,
      resource: resource.name,
      message: violation.message,
      remediation:
        violation.remediation ??
        `No remediation was given by the OPA policy ${this.#settings.path}.`,
      frameworks: violation.frameworks ?? [],
      status: 'violated',
      ...(violation.detail && { detail: violation.detail }),
    };
  }
}
