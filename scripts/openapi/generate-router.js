#!/usr/bin/env node
/*
 * Generates a plugin's typed OpenAPI router from its spec:
 *   src/schema/openapi.yaml  ->  src/schema/openapi/generated/router.ts
 *
 *   node scripts/openapi/generate-router.js plugins/planner-backend [--check]
 *
 * The output embeds the spec as a const and types the Express router from it
 * with @backstage/backend-openapi-utils, which also validates requests and
 * responses against the spec at run time. (This stands in for
 * `backstage-repo-tools package schema openapi generate --server`, whose
 * install fails on this machine; see the README.) --check exits 1 when the
 * generated file is out of date.
 */
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('yaml');
const prettier = require('prettier');

function render(specText, relSpec) {
  const spec = yaml.parse(specText);
  return [
    '//',
    `// Generated from ${relSpec} by scripts/openapi/generate-router.js. Do not edit.`,
    '//',
    "import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';",
    '',
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
    'export const createOpenApiRouter = async (',
    "  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],",
    ') => createValidatedOpenApiRouter<typeof spec>(spec, options);',
    '',
  ].join('\n');
}

async function main() {
  const [pluginDir, flag] = process.argv.slice(2);
  if (!pluginDir) {
    console.error('usage: generate-router.js <plugin-dir> [--check]');
    process.exit(2);
  }
  const specFile = path.resolve(pluginDir, 'src/schema/openapi.yaml');
  const outFile = path.resolve(
    pluginDir,
    'src/schema/openapi/generated/router.ts',
  );
  const source = render(
    fs.readFileSync(specFile, 'utf8'),
    'src/schema/openapi.yaml',
  );
  const options = (await prettier.resolveConfig(outFile)) ?? {};
  const output = prettier.format(source, { ...options, parser: 'typescript' });
  const current = fs.existsSync(outFile)
    ? fs.readFileSync(outFile, 'utf8')
    : '';
  if (flag === '--check') {
    if (current !== output) {
      console.error(
        `${path.relative(
          process.cwd(),
          outFile,
        )} is out of date: run node scripts/openapi/generate-router.js ${pluginDir}`,
      );
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, output);
  console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
