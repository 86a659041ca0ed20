import { NotFoundError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LocalPipeline } from './types';

const PIPELINE_ID = /^\d{13,}-[0-9a-f]{8}$/;

/** A new pipeline id: sortable by creation time, unique across restarts. */
export function newPipelineId() {
  return `${Date.now()}-${randomBytes(4).toString('hex')}`;
}

/** Pipelines on disk: `<dataDir>/pipelines/<id>/pipeline.json` and the job logs. */
export class PipelineStore {
  constructor(private readonly dataDirectory: string) {}

  directory(pipelineId: string) {
    if (!PIPELINE_ID.test(pipelineId)) {
      throw new NotFoundError(`No local pipeline ${pipelineId}`);
    }
    return path.join(this.dataDirectory, 'pipelines', pipelineId);
  }

  async read(pipelineId: string): Promise<LocalPipeline> {
    try {
      return JSON.parse(
        await fs.readFile(
          path.join(this.directory(pipelineId), 'pipeline.json'),
          'utf8',
        ),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`No local pipeline ${pipelineId}`);
      }
      throw error;
    }
  }

  /** Replaces the record at once, so a reader never sees half of it. */
  async write(pipeline: LocalPipeline) {
    const dir = this.directory(pipeline.id);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'pipeline.json');
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await fs.writeFile(temp, `${JSON.stringify(pipeline, null, 2)}\n`);
    await fs.rename(temp, file);
  }

  async remove(pipelineId: string) {
    await fs.rm(this.directory(pipelineId), { recursive: true, force: true });
  }
}
