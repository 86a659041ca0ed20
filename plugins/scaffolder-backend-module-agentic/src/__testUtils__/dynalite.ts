import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// dynalite has no type declarations: what is used of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite: (options: {
  createTableMs?: number;
  deleteTableMs?: number;
}) => Server = require('dynalite');

export type Dynalite = {
  /** e.g. http://127.0.0.1:40123, for DYNAMODB_ENDPOINT. */
  endpoint: string;
  stop(): Promise<void>;
};

/** A local DynamoDB API (dynalite, in memory) on a free port of 127.0.0.1. */
export async function startDynalite(): Promise<Dynalite> {
  // Tables ready (and gone) at once, not after dynalite's half second.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        // Kept-alive connections of the services' SDKs would hold it open.
        server.closeAllConnections();
      }),
  };
}
