// The Remediation agent's log analyzer on a 500 MB job log (test output,
// ANSI colours, section markers, a few secrets, the failure at the end),
// in a process of its own running bundled JavaScript (as a built backend and
// bin/agentic do): throughput and peak resident memory. Targets: >= 100 MB/s
// and < 150 MB.
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TARGET_BYTES =
  Number(process.env.REMEDIATION_BENCH_MB ?? 500) * 1024 * 1024;

const lines = [
  '\x1b[32mPASSED\x1b[0m tests/test_orders.py::test_create_order_with_discount[case-17]',
  'tests/test_payments.py::test_refund_partial PASSED                               [ 42%]',
  '  ✓ renders the checkout summary with 3 items (12 ms)',
  'npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.',
  'Downloading https://files.example.com/packages/requests-2.31.0-py3-none-any.whl (62 kB)',
  '[INFO] Compiling 214 source files to /builds/shop/target/classes',
  '2026-11-25T10:00:00.123Z DEBUG orders.service handled request id=8f3a2c status=200 duration_ms=14',
  'section_start:1732540000:build_step\r\x1b[0K\x1b[36;1mBuilding the image\x1b[0;m',
  '#12 [build 4/9] RUN pip install --no-cache-dir -r requirements.txt',
];

function writeLog(file) {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let i = 0;
  const chunk = [];
  while (written < TARGET_BYTES) {
    let line = lines[i % lines.length];
    if (i % 100_000 === 7)
      line = `export AWS_SECRET_ACCESS_KEY=${'aB3dE5fG7h'.repeat(4)}`;
    chunk.push(line);
    written += Buffer.byteLength(line) + 1;
    i++;
    if (chunk.length === 10_000) {
      fs.writeSync(fd, `${chunk.join('\n')}\n`);
      chunk.length = 0;
    }
  }
  chunk.push(
    "E   ModuleNotFoundError: No module named 'yaml'",
    'ERROR: Job failed: exit code 1',
  );
  fs.writeSync(fd, `${chunk.join('\n')}\n`);
  fs.closeSync(fd);
}

const mb = n => (n / 1024 / 1024).toFixed(0);

exports.run = async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-bench-'));
  try {
    const log = path.join(scratch, 'job.log');
    writeLog(log);
    const analyzer = path.join(scratch, 'analyze.cjs');
    esbuild.buildSync({
      entryPoints: [path.join(__dirname, 'lib/analyzeFile.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      outfile: analyzer,
      logLevel: 'silent',
    });
    // A smaller young generation, as bin/agentic runs the analyzer: a few
    // percent slower, a third less resident memory.
    const child = spawnSync(
      process.execPath,
      [
        '--max-semi-space-size=8',
        analyzer,
        log,
        path.resolve(__dirname, '../../playbooks'),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024,
      },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    const r = JSON.parse(child.stdout);
    return {
      'log size (MB)': mb(r.bytes),
      lines: r.lines,
      'throughput (MB/s)': (r.bytes / 1024 / 1024 / r.seconds).toFixed(0),
      'peak RSS of the analyzer process (MB)': mb(r.peakRss),
      'RSS before the log (MB)': mb(r.baselineRss),
      diagnosis: `${r.category} (line ${r.line})`,
      'secrets redacted': r.redactions,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
};
