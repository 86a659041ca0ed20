import { PolicyResource } from '../resources/types';
import { compileRule } from './compileRule';
import { policyRuleSchema } from './schema';

const rule = (over: Record<string, unknown> = {}) =>
  compileRule(
    policyRuleSchema.parse({
      id: 'sg-open-ssh',
      title: 'No SSH from anywhere',
      severity: 'critical',
      frameworks: ['CIS AWS'],
      resources: { kind: 'terraform', types: ['aws_security_group'] },
      compliant:
        '!resource.attributes.ingress.exists(r, r.from_port <= 22 && r.to_port >= 22 && params.open.exists(c, c in r.cidr_blocks))',
      violations:
        'resource.attributes.ingress.filter(r, r.from_port <= 22 && r.to_port >= 22).map(r, string(r.from_port))',
      message: 'SSH is open to the internet',
      remediation: 'Restrict cidr_blocks.',
      params: { open: ['0.0.0.0/0'] },
      ...over,
    }),
    { file: 'terraform/sg-open-ssh.yaml' },
  );

const group = (
  ingress: unknown[],
  unknowns?: PolicyResource['unknowns'],
): PolicyResource => ({
  kind: 'terraform',
  type: 'aws_security_group',
  name: 'aws_security_group.bastion',
  file: 'main.tf',
  line: 3,
  attributes: { ingress },
  unknowns,
});

describe('compileRule', () => {
  it('applies to its kind and types only', () => {
    const compiled = rule();
    expect(compiled.appliesTo(group([]))).toBe(true);
    expect(
      compiled.appliesTo({ ...group([]), type: 'aws_security_group_rule' }),
    ).toBe(false);
    expect(compiled.appliesTo({ ...group([]), kind: 'kubernetes' })).toBe(
      false,
    );
  });

  it('says compliant or violated, with the violating parts', () => {
    const compiled = rule();
    expect(
      compiled.evaluate(
        group([{ from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }]),
      ),
    ).toEqual({ status: 'compliant' });
    expect(
      compiled.evaluate(
        group([{ from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }]),
      ),
    ).toEqual({ status: 'violated', violations: ['22'] });
  });

  it('uses configured parameters', () => {
    const compiled = compileRule(rule().spec, {
      file: 'x.yaml',
      params: { open: ['10.0.0.0/8'] },
      severity: 'low',
    });
    expect(compiled.severity).toBe('low');
    expect(
      compiled.evaluate(
        group([{ from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }]),
      ).status,
    ).toBe('compliant');
  });

  it('reports unknown when a value it reads cannot be known, instead of passing', () => {
    const outcome = rule().evaluate(
      group(
        [{ from_port: 22, to_port: 22, cidr_blocks: null }],
        [
          {
            path: 'ingress.0.cidr_blocks',
            reason: 'var.admin_cidrs has no default and no .tfvars value',
          },
        ],
      ),
    );
    expect(outcome).toEqual({
      status: 'unknown',
      reason:
        'ingress.0.cidr_blocks cannot be known before apply: var.admin_cidrs has no default and no .tfvars value',
    });
  });

  it('ignores unknown values it does not read', () => {
    expect(
      rule().evaluate(
        group(
          [{ from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'] }],
          [{ path: 'arn', reason: 'computed by AWS' }],
        ),
      ).status,
    ).toBe('compliant');
  });

  it('reports an expression that fails on a resource as an error, not a pass', () => {
    const compiled = rule({
      compliant: 'resource.attributes.egress.size() == 0',
    });
    expect(compiled.evaluate(group([]))).toMatchObject({
      status: 'error',
      error: expect.stringContaining('egress'),
    });
    expect(rule({ compliant: '"yes"' }).evaluate(group([]))).toMatchObject({
      status: 'error',
    });
  });
});
