#!/usr/bin/env node
// yarn eval <name> [options]: runs an evaluation from this folder (e.g.
// `yarn eval remediation --set all`) and exits non-zero when it misses its
// targets.
const fs = require('node:fs');

const available = fs
  .readdirSync(__dirname)
  .filter(f => f.endsWith('.js') && f !== 'index.js')
  .map(f => f.replace(/\.js$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '--list') {
  console.log(
    `Evaluations: ${available.join(', ')}\nUsage: yarn eval <name> [--help]`,
  );
  process.exit(name ? 0 : 2);
}
if (!available.includes(name)) {
  console.error(
    `Unknown evaluation: ${name}. Available: ${available.join(', ')}`,
  );
  process.exit(2);
}

// The project's tools need the project's Node (scripts/toolchain.sh).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Node ${process.versions.node} is too old: run through yarn, or source scripts/toolchain.sh first`,
  );
  process.exit(2);
}

Promise.resolve()
  .then(() => require(`./${name}.js`).main(args))
  .then(code => {
    process.exitCode = code;
  })
  .catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
