import { createBackend } from '@backstage/backend-defaults';
import { validatedRootConfigServiceFactory } from './validatedRootConfig';

describe('validatedRootConfigServiceFactory', () => {
  it('stops backend start-up with a message that names the key', async () => {
    const backend = createBackend();
    backend.add(
      validatedRootConfigServiceFactory({
        argv: ['node', 'backend'],
        overrides: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            baseUrl: 'http://localhost:7007',
            database: { client: 'pg', connection: { host: 'db', user: 'u' } },
          },
        },
      }),
    );
    await expect(backend.start()).rejects.toThrow(
      /backend\.database\.connection\.password is missing/,
    );
  });
});
