import { loadPolicyRules } from './loadPolicyRules';
import path from 'node:path';
import fs from 'node:fs';
import { CelPolicySource } from '../sources/CelPolicySource';
import { defaultParsers } from '../scan/defaultParsers';
import { scanPaths } from '../scan/scanPaths';

const POLICIES = path.resolve(__dirname, '../../../../policies');
const FIXTURES = path.resolve(__dirname, '../__fixtures__/rules');

/** The rule ids the issue names, exactly. */
const RULE_IDS = [
  's3-public-access-block',
  's3-encryption',
  's3-versioning',
  'sg-open-ssh',
  'sg-open-all-ingress',
  'rds-encryption',
  'rds-public',
  'rds-backup-retention',
  'ebs-encryption',
  'iam-wildcard-action',
  'iam-wildcard-resource',
  'ec2-imdsv2',
  'instance-type-allowed',
  'required-tags',
  'k8s-privileged',
  'k8s-host-network',
  'k8s-host-path',
  'k8s-run-as-non-root',
  'k8s-readonly-rootfs',
  'k8s-resource-limits',
  'k8s-latest-tag',
  'k8s-privilege-escalation',
  'docker-latest-base',
  'docker-root-user',
  'docker-add-instead-of-copy',
  'docker-curl-pipe-shell',
  'hardcoded-secret',
].sort();

const { rules } = loadPolicyRules(POLICIES);
const source = new CelPolicySource(rules);
const scan = (dir: string) =>
  scanPaths([dir], { sources: [source], parsers: defaultParsers, cwd: dir });

describe('the rules in policies/', () => {
  it('are exactly the 27 rules, each with a passing and a failing case', () => {
    expect(rules.map(r => r.spec.id).sort()).toEqual(RULE_IDS);
    for (const id of RULE_IDS) {
      for (const kind of ['pass', 'fail']) {
        expect([
          id,
          kind,
          fs.existsSync(path.join(FIXTURES, id, kind)),
        ]).toEqual([id, kind, true]);
      }
    }
  });

  describe.each(RULE_IDS)('%s', id => {
    it('finds the failing case', async () => {
      const report = await scan(path.join(FIXTURES, id, 'fail'));
      expect(report.errors).toEqual([]);
      expect(report.findings.map(f => f.ruleId)).toContain(id);
      const finding = report.findings.find(f => f.ruleId === id)!;
      expect(finding.status).toBe('violated');
      expect(finding.line).toBeGreaterThan(0);
    });

    it('passes the passing case', async () => {
      const report = await scan(path.join(FIXTURES, id, 'pass'));
      expect(report.errors).toEqual([]);
      expect(
        report.findings.filter(f => f.ruleId === id).map(f => f.resource),
      ).toEqual([]);
    });
  });
});
