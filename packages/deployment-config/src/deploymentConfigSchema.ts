import { z } from 'zod';

/**
 * What the backend needs from its configuration before any plugin starts.
 * Only keys whose absence would otherwise surface late and obscurely (a
 * database client connecting to the wrong host, an integration without a
 * token) are checked here; plugins still validate their own settings.
 */

const nonEmpty = z
  .string({ error: 'is missing' })
  .trim()
  .min(1, { error: 'is empty' });

const httpUrl = z
  .string({ error: 'is missing' })
  .refine(value => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), {
    error: issue => `must be an http(s) URL, got '${String(issue.input)}'`,
  });

// Environment substitution always yields strings, so ports arrive as text.
const port = z.union([z.number(), z.string()]).refine(
  value => {
    const n = typeof value === 'number' ? value : Number(value.trim());
    return (
      (typeof value === 'number' || /^\d+$/.test(value.trim())) &&
      Number.isInteger(n) &&
      n >= 1 &&
      n <= 65535
    );
  },
  {
    error: issue =>
      `must be a port number (1-65535), got '${String(issue.input)}'`,
  },
);

const hostname = nonEmpty.refine(
  value => /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i.test(value),
  {
    error: issue =>
      `must be a host name without scheme or path (e.g. gitlab.example.com), got '${String(
        issue.input,
      )}'`,
  },
);

const postgresConnection = z.union(
  [
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, {
        error: 'must be a postgres:// connection string or an object',
      }),
    z.looseObject({
      host: nonEmpty,
      port: port.optional(),
      user: nonEmpty,
      password: nonEmpty,
    }),
  ],
  { error: 'is missing' },
);

const database = z.discriminatedUnion(
  'client',
  [
    z.looseObject({ client: z.literal('pg'), connection: postgresConnection }),
    z.looseObject({ client: z.literal('better-sqlite3') }),
    z.looseObject({ client: z.literal('sqlite3') }),
  ],
  {
    error: issue =>
      issue.input === undefined
        ? 'is missing'
        : `must be 'pg' (PostgreSQL) or 'better-sqlite3' (SQLite)`,
  },
);

const gitlabIntegration = z.looseObject({
  host: hostname,
  token: nonEmpty,
  apiBaseUrl: httpUrl.optional(),
});

const gitlabAuthEnvironment = z.looseObject({
  clientId: nonEmpty,
  clientSecret: nonEmpty,
  audience: httpUrl.optional(),
});

export const deploymentConfigSchema = z.looseObject({
  app: z.looseObject({ baseUrl: httpUrl }),
  backend: z.looseObject({
    baseUrl: httpUrl,
    database,
    auth: z
      .looseObject({
        keys: z.array(z.looseObject({ secret: nonEmpty })).optional(),
      })
      .optional(),
  }),
  integrations: z
    .looseObject({ gitlab: z.array(gitlabIntegration).optional() })
    .optional(),
  auth: z
    .looseObject({
      providers: z
        .looseObject({
          gitlab: z.record(z.string(), gitlabAuthEnvironment).optional(),
        })
        .optional(),
    })
    .optional(),
  events: z
    .looseObject({
      modules: z
        .looseObject({
          gitlab: z
            .looseObject({
              // Webhooks without the token are refused; a short one is guessable.
              webhookSecret: nonEmpty
                .refine(v => v.length >= 16, {
                  error: 'must be at least 16 characters',
                })
                .optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  agentic: z
    .looseObject({
      reasoning: z
        .looseObject({
          anthropic: z
            .looseObject({
              // Optional: unset or blank means rule-based reasoning only.
              apiKey: z.string().optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});
