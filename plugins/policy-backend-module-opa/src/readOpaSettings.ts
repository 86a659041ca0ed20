import { Config } from '@backstage/config';

export interface OpaSettings {
  baseUrl: string;
  /** The decision's Data API path, without `/v1/data/` or slashes around it. */
  path: string;
  timeoutMs: number;
  token?: string;
}

export const DEFAULT_DECISION_PATH = 'agentic/policy/deny';
const DECISION_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/**
 * `policy.opa.*`, checked at start-up so mistakes name their key; undefined
 * when no server is configured.
 */
export function readOpaSettings(config: Config): OpaSettings | undefined {
  const opa = config.getOptionalConfig('policy.opa');
  const baseUrl = opa?.getOptionalString('baseUrl');
  if (!opa || !baseUrl) return undefined;

  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(
      `Invalid config: policy.opa.baseUrl must be an http(s) URL, got '${baseUrl}'`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `Invalid config: policy.opa.baseUrl must be an http(s) URL, got '${baseUrl}'`,
    );
  }

  const rawPath = opa.getOptionalString('path') ?? DEFAULT_DECISION_PATH;
  const path = rawPath.replace(/^\/*(v1\/data\/)?|\/*$/g, '');
  if (!DECISION_PATH.test(path)) {
    throw new Error(
      `Invalid config: policy.opa.path must be a decision path such as ${DEFAULT_DECISION_PATH}, got '${rawPath}'`,
    );
  }

  const timeoutSeconds = opa.getOptionalNumber('timeoutSeconds') ?? 10;
  if (!(timeoutSeconds > 0)) {
    throw new Error(
      `Invalid config: policy.opa.timeoutSeconds must be a positive number, got ${timeoutSeconds}`,
    );
  }

  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    path,
    timeoutMs: timeoutSeconds * 1000,
    token: opa.getOptionalString('token'),
  };
}
