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
  const context = createMockActionContext({
    workspacePath: options.workspace,
    templateInfo: {
      entityRef: `template:default/${options.template}`,
      baseUrl: pathToFileURL(templateYaml).toString(),
    },
    input: {
      url: options.url,
      values: options.values as any,
      targetPath: options.targetPath,
    },
  });
  // fetch:template downloads the skeleton into a temporary folder. The
  // mock's is the workspace itself (and it ignores one passed in), where
  // the raw skeleton would stay behind: give it its own, and remove it.
  const temporary: string[] = [];
  try {
    await action.handler({
      ...context,
      createTemporaryDirectory: async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skeleton-'));
        temporary.push(dir);
        return dir;
      },
    } as any);
  } finally {
    for (const dir of temporary)
      fs.rmSync(dir, { recursive: true, force: true });
  }
}
