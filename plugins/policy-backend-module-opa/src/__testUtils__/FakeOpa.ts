import http from 'node:http';
import { AddressInfo } from 'node:net';

/** What the fake answers for one decision request. */
export type FakeOpaReply =
  | { status?: number; body: unknown }
  /** Never answers (a hung server). */
  | 'hang';

/**
 * A small fake of OPA's Data API on 127.0.0.1: `POST /v1/data/<path>` with
 * `{input}` is answered by `decide(path, input)`, as OPA would
 * (`{result: …}`, `{}` for an undefined decision, `{code, message}` with an
 * error status).
 */
export class FakeOpa {
  readonly requests: Array<{
    path: string;
    input: unknown;
    authorization?: string;
  }> = [];
  /** Most requests in flight at once. */
  maxInFlight = 0;
  #inFlight = 0;
  #server?: http.Server;

  constructor(
    private readonly decide: (path: string, input: any) => FakeOpaReply,
  ) {}

  async start(): Promise<string> {
    this.#server = http.createServer((req, res) => {
      let text = '';
      req.on('data', chunk => {
        text += chunk;
      });
      req.on('end', () => {
        const match = /^\/v1\/data\/(.+)$/.exec(req.url ?? '');
        if (req.method !== 'POST' || !match) {
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ code: 'not_found', message: 'no route' }));
          return;
        }
        const { input } = JSON.parse(text);
        this.requests.push({
          path: match[1],
          input,
          authorization: req.headers.authorization,
        });
        this.#inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
        const reply = this.decide(match[1], input);
        if (reply === 'hang') return;
        // Answer on a later turn so that concurrent requests overlap.
        setTimeout(() => {
          this.#inFlight -= 1;
          res.writeHead(reply.status ?? 200, {
            'Content-Type': 'application/json',
          });
          res.end(JSON.stringify(reply.body));
        }, 5);
      });
    });
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }
}
