// Runs the Remediation log analyzer on one file in a process of its own and
// prints its figures as JSON: the bench bundles this file (esbuild), so that
// the process holds what a built backend holds, not the TypeScript tooling.
import fs from 'node:fs';
import {
  builtinFixSteps,
  fixStepMap,
  LogAnalyzer,
  loadPlaybooks,
} from '../../../plugins/remediation-node/src';

async function main() {
  const [file, playbooksDir] = process.argv.slice(2);
  const library = loadPlaybooks(playbooksDir, {
    knownStepTypes: new Set(builtinFixSteps.map(s => s.type)),
  });
  const analyzer = new LogAnalyzer({
    library,
    stepTypes: fixStepMap(builtinFixSteps),
  });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const result = await analyzer.analyze(
    fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(
    JSON.stringify({
      seconds,
      bytes: result.bytes,
      lines: result.lines,
      baselineRss: baseline,
      peakRss: peak,
      redactions: result.redactions,
      category: result.diagnosis.category,
      line: result.diagnosis.evidence[0]?.line,
    }),
  );
}

main().catch(error => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
