#!/usr/bin/env node
// yarn bench [name...]: runs the benchmarks in this folder (all by default)
// and prints their figures. Benchmarks measure; they never fail on timing.
const fs = require('node:fs');

const available = fs
  .readdirSync(__dirname)
  .filter(f => f.endsWith('.bench.js'))
  .map(f => f.replace(/\.bench\.js$/, ''))
  .sort();

const wanted = process.argv.slice(2);
if (wanted.includes('--list') || wanted.includes('--help')) {
  console.log(
    `Benchmarks: ${available.join(', ')}\nUsage: yarn bench [name...]`,
  );
  process.exit(0);
}
const unknown = wanted.filter(n => !available.includes(n));
if (unknown.length) {
  console.error(
    `Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(
      ', ',
    )}`,
  );
  process.exit(2);
}

(async () => {
  for (const name of wanted.length ? wanted : available) {
    console.log(`\n# ${name}`);
    const figures = await require(`./${name}.bench.js`).run();
    for (const [label, value] of Object.entries(figures)) {
      console.log(`${label.padEnd(40)} ${value}`);
    }
  }
})().catch(error => {
  console.error(error);
  process.exit(1);
});
