import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs/promises';
import { JobLogWriter } from './JobLogWriter';

describe('JobLogWriter', () => {
  const mockDir = createMockDirectory();

  it('keeps a small log whole', async () => {
    const writer = new JobLogWriter(mockDir.resolve('small.log'), 1024);
    writer.line('one');
    writer.line('two');
    await writer.close(['Job succeeded']);
    await expect(
      fs.readFile(mockDir.resolve('small.log'), 'utf8'),
    ).resolves.toBe('one\ntwo\nJob succeeded\n');
  });

  it('keeps the start and the end of a log over the limit', async () => {
    const writer = new JobLogWriter(mockDir.resolve('big.log'), 4000);
    for (let i = 0; i < 10_000; i++) writer.line(`line ${i}`);
    writer.line("ModuleNotFoundError: No module named 'yaml'");
    await writer.close(['ERROR: Job failed: exit status 1']);

    const log = await fs.readFile(mockDir.resolve('big.log'), 'utf8');
    expect(Buffer.byteLength(log)).toBeLessThan(4000 + 200);
    expect(log.startsWith('line 0\nline 1\n')).toBe(true);
    expect(log).toMatch(
      /\[gitlab-ci-local runner: \d+ bytes of output omitted here to keep the stored log under 4000 bytes\]/,
    );
    expect(
      log.endsWith(
        "line 9999\nModuleNotFoundError: No module named 'yaml'\nERROR: Job failed: exit status 1\n",
      ),
    ).toBe(true);
    expect(writer.receivedBytes).toBeGreaterThan(80_000);
  });
});
