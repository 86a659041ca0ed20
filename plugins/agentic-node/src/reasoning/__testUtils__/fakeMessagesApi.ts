import http, { IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the fake sends back for one request. */
export interface FakeReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (for timeouts). */
  delayMs?: number;
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The body as sent, to check what never reached the API. */
  rawBody: string;
  body: any;
}

export interface FakeMessagesApi {
  /** For the SDK's `baseURL`. */
  baseUrl: string;
  /** Every `POST /v1/messages` with the right headers, in order. */
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export const fakeApiKey = 'fake-anthropic-key';

/** A Messages API response whose content is one call of the `answer` tool. */
export function toolAnswer(
  input: unknown,
  options: { inputTokens?: number; outputTokens?: number; model?: string } = {},
): FakeReply {
  return {
    body: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: options.model ?? 'claude-fake-1',
      content: [{ type: 'tool_use', id: 'toolu_fake', name: 'answer', input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: options.inputTokens ?? 120,
        output_tokens: options.outputTokens ?? 30,
      },
    },
  };
}

/** An API error response; `retry-after-ms` keeps the SDK's retries quick. */
export function apiError(status: number, type: string): FakeReply {
  return {
    status,
    headers: { 'retry-after-ms': '1' },
    body: { type: 'error', error: { type, message: `fake ${type}` } },
  };
}

/**
 * The API key of a request. The API takes it as `x-api-key`; SDK 1.x sends it
 * as `Authorization: Bearer`, which the API takes too.
 */
export function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '');
  return (headers['x-api-key'] as string | undefined) ?? bearer?.[1];
}

function send(response: http.ServerResponse, reply: FakeReply) {
  response.writeHead(reply.status ?? 200, {
    'content-type': 'application/json',
    ...reply.headers,
  });
  response.end(JSON.stringify(reply.body));
}

/**
 * A local stand-in for `POST /v1/messages` on 127.0.0.1: it checks the API
 * key and the `anthropic-version` header as the real API does, records
 * each request and answers with `reply(request, index)`.
 */
export async function startFakeMessagesApi(
  reply: (request: ReceivedRequest, index: number) => FakeReply,
): Promise<FakeMessagesApi> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk);
    }
    if (req.method !== 'POST' || req.url !== '/v1/messages') {
      send(res, apiError(404, 'not_found_error'));
      return;
    }
    if (apiKeyOf(req.headers) !== fakeApiKey) {
      send(res, apiError(401, 'authentication_error'));
      return;
    }
    if (!req.headers['anthropic-version']) {
      send(res, apiError(400, 'invalid_request_error'));
      return;
    }
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const received = {
      headers: req.headers,
      rawBody,
      body: JSON.parse(rawBody),
    };
    requests.push(received);
    const answer = reply(received, requests.length - 1);
    if (!answer.delayMs) {
      send(res, answer);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) {
        send(res, answer);
      }
    }, answer.delayMs);
    timers.add(timer);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      timers.forEach(clearTimeout);
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
