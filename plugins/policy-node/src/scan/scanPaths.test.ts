import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PolicyResource } from '../resources/types';
import { CelPolicySource } from '../sources/CelPolicySource';
import { PolicySource } from '../sources/types';
import { compileRule } from '../rules/compileRule';
import { policyRuleSchema } from '../rules/schema';
import { parseSecrets } from '../secrets/parseSecrets';
import { FileParsers } from './FileParsers';
import { scanPaths } from './scanPaths';

const resource = (
  kind: PolicyResource['kind'],
  type: string,
  file: string,
  attributes: Record<string, unknown>,
): PolicyResource => ({
  kind,
  type,
  name: `${type}/${file}`,
  file,
  line: 1,
  attributes,
});

/** Parsers that record what they were given and yield one resource each. */
function fakeParsers(calls: string[]): FileParsers {
  return {
    terraformModule: async files => {
      calls.push(`module ${files.map(f => f.path).join(',')}`);
      if (files.some(f => f.content.includes('broken'))) {
        throw new Error('Unexpected "{"');
      }
      return {
        resources: [
          resource('terraform', 'aws_db_instance', files[0].path, {
            encrypted: false,
          }),
        ],
        errors: [],
      };
    },
    terraformPlan: file => {
      calls.push(`plan ${file}`);
      return { resources: [], errors: [] };
    },
    kubernetes: file => {
      calls.push(`kubernetes ${file}`);
      return {
        resources: [],
        errors: [{ file, error: 'document 2: bad indentation' }],
      };
    },
    dockerfile: file => {
      calls.push(`dockerfile ${file}`);
      return { resources: [], errors: [] };
    },
    secrets: parseSecrets,
  };
}

const rules = new CelPolicySource([
  compileRule(
    policyRuleSchema.parse({
      id: 'rds-encryption',
      title: 'Encrypted',
      severity: 'high',
      frameworks: ['CIS AWS'],
      resources: { kind: 'terraform', types: ['aws_db_instance'] },
      compliant: 'resource.attributes.encrypted == true',
      message: 'not encrypted',
      remediation: 'encrypt it',
    }),
    { file: 'rds-encryption.yaml' },
  ),
  compileRule(
    policyRuleSchema.parse({
      id: 'hardcoded-secret',
      title: 'No secrets',
      severity: 'critical',
      frameworks: ['SOC 2'],
      resources: { kind: 'file', types: ['secret'] },
      compliant: 'false',
      violations: '[resource.attributes.masked]',
      message: 'a secret',
      remediation: 'remove it',
    }),
    { file: 'hardcoded-secret.yaml' },
  ),
]);

describe('scanPaths', () => {
  let dir: string;
  const write = (file: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  beforeEach(() => {
    dir = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'policy-scan-')),
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sends each file to its parser, modules by folder, and judges what they give', async () => {
    write('infra/main.tf', 'resource "aws_db_instance" "a" {}');
    write('infra/terraform.tfvars', 'x = 1');
    write(
      'infra/plan.json',
      JSON.stringify({ format_version: '1.2', planned_values: {} }),
    );
    write('infra/other.json', '{"not": "a plan"}');
    write('k8s/app.yaml', 'apiVersion: v1\nkind: Pod\n');
    write('k8s/values.yaml', 'replicas: 2\n');
    write('Dockerfile', 'FROM node:20\n');
    write('app/.env', 'API_TOKEN=abcdef123456789\n');
    write('node_modules/pkg/.env', 'API_TOKEN=abcdef123456789\n');
    write('logo.png', Buffer.from([0x89, 0x50, 0, 0, 1]));
    // A large binary (6 MiB) is skipped, not an error.
    write('bin/service', Buffer.alloc(6 * 1024 * 1024));
    const calls: string[] = [];

    const report = await scanPaths([dir], {
      sources: [rules],
      parsers: fakeParsers(calls),
      cwd: dir,
    });

    expect(calls.sort()).toEqual([
      'dockerfile Dockerfile',
      'kubernetes k8s/app.yaml',
      'module infra/main.tf,infra/terraform.tfvars',
      'plan infra/plan.json',
    ]);
    expect(
      report.findings.map(f => [f.ruleId, f.severity, f.file, f.detail]),
    ).toEqual([
      ['hardcoded-secret', 'critical', 'app/.env', 'abcd***********'],
      ['rds-encryption', 'high', 'infra/main.tf', undefined],
    ]);
    expect(report.errors).toEqual([
      { file: 'k8s/app.yaml', error: 'document 2: bad indentation' },
    ]);
    expect(report.summary).toEqual({
      files: 8,
      resources: 2,
      findings: 2,
      bySeverity: { critical: 1, high: 1, medium: 0, low: 0 },
      errors: 1,
    });
  });

  it('reports what cannot be read or parsed, and scans the rest', async () => {
    write('broken/main.tf', 'resource "x" "y" { broken');
    write('good/.env', 'DB_PASSWORD=correct-horse-battery\n');
    const report = await scanPaths([dir, path.join(dir, 'missing')], {
      sources: [rules],
      parsers: fakeParsers([]),
      cwd: dir,
    });
    expect(report.errors).toEqual([
      // As it was given.
      { file: path.join(dir, 'missing'), error: 'no such file or directory' },
      { file: 'broken/main.tf', error: 'Unexpected "{"' },
    ]);
    expect(report.findings.map(f => f.file)).toEqual(['good/.env']);
  });

  it('asks every source and keeps their findings and errors', async () => {
    write('main.tf', 'resource "aws_db_instance" "a" {}');
    const opa: PolicySource = {
      id: 'opa',
      evaluate: async resources => ({
        findings: resources.map(r => ({
          ruleId: 'opa-deny',
          severity: 'medium' as const,
          file: r.file,
          line: r.line,
          resource: r.name,
          message: 'denied by OPA',
          remediation: 'ask the platform team',
          frameworks: ['operations'],
          status: 'violated' as const,
        })),
        errors: [{ file: 'main.tf', error: 'opa: one decision timed out' }],
      }),
    };
    const report = await scanPaths([dir], {
      sources: [rules, opa],
      parsers: fakeParsers([]),
      cwd: dir,
    });
    expect(report.findings.map(f => f.ruleId)).toEqual([
      'rds-encryption',
      'opa-deny',
    ]);
    expect(report.errors).toHaveLength(1);
  });
});
