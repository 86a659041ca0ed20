// Secret redaction of a job log: throughput of the line redactor over ~100 MB
// of synthetic CI log lines, about one in a thousand holding a secret.
require('@backstage/cli/config/nodeTransform.cjs');
const {
  createLineRedactor,
} = require('../../plugins/agentic-common/src/redaction/redactSecrets');

const ordinary = [
  'Collecting requests==2.31.0',
  '  Downloading requests-2.31.0-py3-none-any.whl (62 kB)',
  'npm ERR! code ETIMEDOUT',
  'Step 5/12 : RUN apt-get update && apt-get install -y curl ca-certificates',
  '#12 sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 1.2MB / 3.4MB 0.3s',
  'Running with gitlab-runner 16.5.0 (853330f9) on docker-runner-3 abcdef12',
  'PASS src/components/Button.test.tsx (5.123 s)',
  'HEAD is now at 4b825dc642cb6eb9a060e54bf8d69288fbee4904 Merge branch main',
  'webpack 5.90.0 compiled with 2 warnings in 41532 ms',
];
// Assembled here so secret scanners do not flag this file.
const secrets = [
  `export GITLAB_TOKEN=glpat-${'x'.repeat(20)}`,
  `DB_PASSWORD=hunter2`,
  `git clone https://ci:${'p'.repeat(12)}@gitlab.example.com/g/p.git`,
  `AWS_ACCESS_KEY_ID=AKIA${'A'.repeat(16)}`,
];

function syntheticLog(targetBytes) {
  const lines = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const text =
      i % 1000 === 999
        ? secrets[(i / 1000) % secrets.length | 0]
        : ordinary[i % ordinary.length];
    // A timestamp per line, as GitLab writes them, so no two lines are equal.
    const line = `2024-05-01T12:${String((i / 60) % 60 | 0).padStart(
      2,
      '0',
    )}:${String(i % 60).padStart(2, '0')}.${i % 1000}Z ${text}`;
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return { lines, bytes };
}

exports.run = async () => {
  const { lines, bytes } = syntheticLog(100 * 1024 * 1024);
  const warmUp = createLineRedactor();
  lines.slice(0, 50_000).forEach(line => warmUp.redactLine(line));

  const redactor = createLineRedactor();
  const start = performance.now();
  let outputBytes = 0;
  for (const line of lines) {
    outputBytes += redactor.redactLine(line).length;
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    'log size (MB)': (bytes / 1024 / 1024).toFixed(0),
    'lines (count)': lines.length,
    'secrets redacted (count)': redactor.redactions,
    'redaction throughput (MB/s)': (bytes / 1024 / 1024 / seconds).toFixed(0),
    'output size (MB)': (outputBytes / 1024 / 1024).toFixed(0),
  };
};
