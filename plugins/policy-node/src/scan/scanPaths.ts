import {
  Finding,
  ScanError,
  ScanReport,
  sortFindings,
  summarize,
} from '@agentic-devops/plugin-policy-common';
import fs from 'node:fs';
import path from 'node:path';
import { PolicyResource } from '../resources/types';
import { PolicySource } from '../sources/types';
import {
  classifyFile,
  looksLikeKubernetes,
  looksLikePlan,
} from './classifyFile';
import { FileParsers } from './FileParsers';
import { describe, listFiles } from './listFiles';

/**
 * Files larger than this are not read (a report says so): plan JSON may be
 * large, sources should not be.
 */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_JSON_BYTES = 100 * 1024 * 1024;

export interface ScanOptions {
  sources: PolicySource[];
  parsers: FileParsers;
  /** Findings name files relative to this (default: the working directory). */
  cwd?: string;
  signal?: AbortSignal;
}

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8192).includes(0);
}

/** Whether a file's first 8 KiB hold a NUL byte, without reading it all. */
function startsBinary(file: string): boolean {
  const head = Buffer.alloc(8192);
  const fd = fs.openSync(file, 'r');
  try {
    return isBinary(head.subarray(0, fs.readSync(fd, head, 0, 8192, 0)));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Scans files and folders: every Terraform module (the `.tf` and `.tfvars`
 * files of one folder together), plan JSON, Kubernetes manifest and
 * Dockerfile is turned into resources, every text file is searched for
 * hardcoded secrets, and the sources judge the resources. A file that
 * cannot be read or parsed is an error in the report; the rest is still
 * scanned.
 */
export async function scanPaths(
  paths: string[],
  options: ScanOptions,
): Promise<ScanReport> {
  const cwd = options.cwd ?? process.cwd();
  const display = (file: string) => {
    const relative = path.relative(cwd, file);
    return (relative.startsWith('..') ? file : relative)
      .split(path.sep)
      .join('/');
  };
  const listed = listFiles(paths);
  const errors: ScanError[] = listed.errors;
  const resources: PolicyResource[] = [];
  const take = (parsed: {
    resources: PolicyResource[];
    errors: ScanError[];
  }) => {
    resources.push(...parsed.resources);
    errors.push(...parsed.errors);
  };

  const modules = new Map<string, Array<{ path: string; content: string }>>();
  let files = 0;
  for (const file of listed.files) {
    options.signal?.throwIfAborted();
    const name = display(file);
    let bytes: Buffer;
    try {
      const size = fs.statSync(file).size;
      const limit =
        classifyFile(file) === 'json' ? MAX_JSON_BYTES : MAX_FILE_BYTES;
      if (size > limit) {
        // A large binary (a built executable, an image) is not for us.
        if (startsBinary(file)) continue;
        errors.push({
          file: name,
          error: `larger than ${limit / 1024 / 1024} MiB; not scanned`,
        });
        continue;
      }
      bytes = fs.readFileSync(file);
    } catch (error) {
      errors.push({ file: name, error: describe(error) });
      continue;
    }
    if (isBinary(bytes)) continue;
    files += 1;
    const content = bytes.toString('utf8');
    take(options.parsers.secrets(name, content));
    try {
      switch (classifyFile(file)) {
        case 'terraform':
        case 'tfvars': {
          const dir = path.dirname(file);
          const module = modules.get(dir) ?? [];
          module.push({ path: name, content });
          modules.set(dir, module);
          break;
        }
        case 'json': {
          let json: unknown;
          try {
            json = JSON.parse(content);
          } catch {
            break; // Not JSON after all: only its secrets count.
          }
          if (looksLikePlan(json)) {
            take(options.parsers.terraformPlan(name, json));
          }
          break;
        }
        case 'yaml':
          if (looksLikeKubernetes(content)) {
            take(options.parsers.kubernetes(name, content));
          }
          break;
        case 'dockerfile':
          take(options.parsers.dockerfile(name, content));
          break;
        default:
          break;
      }
    } catch (error) {
      errors.push({ file: name, error: describe(error) });
    }
  }
  for (const module of modules.values()) {
    try {
      take(await options.parsers.terraformModule(module));
    } catch (error) {
      errors.push({ file: module[0].path, error: describe(error) });
    }
  }

  const findings: Finding[] = [];
  for (const source of options.sources) {
    const judged = await source.evaluate(resources, { signal: options.signal });
    findings.push(...judged.findings);
    errors.push(...judged.errors);
  }
  const sorted = sortFindings(findings);
  return {
    findings: sorted,
    summary: summarize({
      files,
      resources: resources.length,
      findings: sorted,
      errors,
    }),
    errors,
  };
}
