import { ResponseError } from '@backstage/errors';

/** Per-call options: a token for backend and CLI callers, and cancellation. */
export interface RequestOptions {
  token?: string;
  signal?: AbortSignal;
}

export interface PluginApiClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** The frontend passes its fetchApi (which adds the user's token); defaults to global fetch. */
  fetchApi?: { fetch: typeof fetch };
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

/** `?a=1&b=x&b=y` from an object; undefined values are left out. */
export function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of [value].flat()) {
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** JSON over HTTP to one backend plugin, for browser, CLI and backends alike. */
export class PluginApiClient {
  readonly #pluginId: string;
  readonly #discoveryApi: PluginApiClientOptions['discoveryApi'];
  readonly #fetchApi: { fetch: typeof fetch };

  constructor(pluginId: string, options: PluginApiClientOptions) {
    this.#pluginId = pluginId;
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  /** A string `body` is sent as text/plain; any other value as JSON. */
  protected async request<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(this.#pluginId);
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    // A string body is sent as it is (text/plain, e.g. a job log); anything else as JSON.
    let payload: string | undefined;
    if (typeof body === 'string') {
      headers['Content-Type'] = 'text/plain';
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: payload,
      signal: options.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return { status: response.status, body: (await response.json()) as T };
  }
}
