import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository's templates folder. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

/**
 * Renders a skeleton of a template into `workspace` exactly as a template
 * run does: Backstage's own `fetch:template` action, with the template's
 * folder as the base URL. For tests that build and test what a template
 * generates.
 */
export async function renderSkeleton(options: {
  /** e.g. `microservice` (the folder under templates/). */
  template: string;
  /** Relative to the template's folder, e.g. `./skeletons/python`. */
  url: string;
  values: Record<string, unknown>;
  workspace: string;
  targetPath?: string;
}): Promise<void> {
  const templateYaml = path.join(
    TEMPLATES_DIR,
    options.template,
    'template.yaml',
  );
  const action = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  await action.handler(
    createMockActionContext({
      workspacePath: options.workspace,
      // fetch:template downloads the skeleton into a temporary folder: not
      // the workspace (the mock's default), where it would stay behind.
      createTemporaryDirectory: async () =>
        fs.mkdtempSync(path.join(os.tmpdir(), 'skeleton-')),
      templateInfo: {
        entityRef: `template:default/${options.template}`,
        baseUrl: pathToFileURL(templateYaml).toString(),
      },
      input: {
        url: options.url,
        values: options.values as any,
        targetPath: options.targetPath,
      },
    }) as any,
  );
}
