import { renderSkeleton } from './renderSkeleton';

export const SERVICE_DATABASES = ['postgresql', 'dynamodb', 'none'] as const;
export type ServiceDatabase = (typeof SERVICE_DATABASES)[number];

/** The microservice template's parameters, as its form sends them. */
export type MicroserviceValues = {
  name: string;
  description: string;
  owner: string;
  system: string;
  language: 'python' | 'nodejs' | 'go';
  database: ServiceDatabase;
  apiType: string;
  port: number;
  gitlabProject: string;
};

/** The parameters of the orders-api service the tests generate. */
export function microserviceValues(
  language: MicroserviceValues['language'],
  database: ServiceDatabase,
  overrides: Partial<MicroserviceValues> = {},
): MicroserviceValues {
  return {
    name: 'orders-api',
    description: 'Keeps "orders" for the shop',
    owner: 'group:default/payments-team',
    system: 'system:default/payments',
    language,
    database,
    apiType: 'rest',
    port: 8080,
    gitlabProject: '',
    ...overrides,
  };
}

/**
 * Renders skeletons of the microservice template into the same folder, in
 * order, as the template's fetch:template steps do; by default what a
 * template run writes for the values' language: the common skeleton, then
 * the language's.
 */
export async function renderMicroservice(options: {
  workspace: string;
  values: MicroserviceValues;
  skeletons?: string[];
  targetPath?: string;
}): Promise<void> {
  const { values } = options;
  for (const skeleton of options.skeletons ?? ['common', values.language]) {
    await renderSkeleton({
      template: 'microservice',
      url: `./skeletons/${skeleton}`,
      values,
      workspace: options.workspace,
      targetPath: options.targetPath,
    });
  }
}
