import {
  applyStep,
  MemoryWorkspace,
} from '../../__testUtils__/memoryWorkspace';
import { retryJobStep } from './retryJob';

describe('retry-job', () => {
  it('retries the job and changes no file', async () => {
    const ws = new MemoryWorkspace({ 'a.txt': 'x' });
    const result = await applyStep(retryJobStep, {}, ws);
    expect(ws.retries).toBe(1);
    expect(ws.writes).toEqual([]);
    expect(result).toEqual({
      changedFiles: [],
      summary: 'Retried the failed job',
    });
    expect(retryJobStep.kind).toBe('action');
    expect(retryJobStep.describe({})).toBe('Retry the failed job');
  });
});
