import { Unknown, Value } from '../values/Unknown';
import { evaluate } from './evaluate';
import { parseExpression, parseTemplateString } from './parseExpression';
import { EvaluationError, Evaluated, Scope, toValue } from './scope';

const scope = (names: Record<string, Evaluated>): Scope => ({
  lookup: name => {
    if (name in names) return names[name];
    throw new EvaluationError(`${name} is not declared`);
  },
});

const NAMES = {
  var: {
    env: 'prod',
    ports: [22, 443],
    tags: { owner: 'team-a' },
    flag: true,
    missing: new Unknown('var.missing has no default'),
  },
  local: {
    arn: new Unknown('known after apply', { computed: 'aws_s3_bucket.b.arn' }),
  },
};

/** A string as hcl2json gives it, evaluated. */
const run = (text: string, names: Record<string, Evaluated> = NAMES): Value =>
  toValue(evaluate(parseTemplateString(text), scope(names)));

describe('HCL expressions', () => {
  it('keeps literal text, decoding $${ and %%{', () => {
    expect(run('plain')).toBe('plain');
    expect(run('$${literal} and %%{ x }')).toBe('${literal} and %{ x }');
  });

  it('interpolates, keeping a lone interpolation its own type', () => {
    expect(run('${var.env}-logs')).toBe('prod-logs');
    expect(run('${var.ports}')).toEqual([22, 443]);
    expect(run('${var.ports[1] + 1}')).toBe(444);
  });

  it('evaluates operators with HCL precedence, conditionals and unary minus', () => {
    expect(run('${1 + 2 * 3 == 7 && !false}')).toBe(true);
    expect(run('${var.env == "prod" ? 35 : 1}')).toBe(35);
    expect(run('${-var.ports[0]}')).toBe(-22);
    expect(run('${10 % 4 >= 2 || var.missing}')).toBe(true);
  });

  it('reads quoted strings with escapes and nested templates inside expressions', () => {
    expect(run('${"a\\"b\\n${var.env}\\u00e9"}')).toBe('a"b\nprod\u00e9');
  });

  it('evaluates for expressions, grouping, splats and template directives', () => {
    expect(run('${[for p in var.ports : p * 2 if p > 100]}')).toEqual([886]);
    expect(run('${{ for k, v in var.tags : upper(k) => v }}')).toEqual({
      OWNER: 'team-a',
    });
    expect(run('${{ for p in var.ports : "all" => p... }}')).toEqual({
      all: [22, 443],
    });
    expect(run('${[{ a = 1 }, { a = 2 }][*].a}')).toEqual([1, 2]);
    expect(run('%{ if var.flag }on%{ else }off%{ endif }')).toBe('on');
    expect(run('%{ for p in var.ports }<${p}>%{ endfor }')).toBe('<22><443>');
    // ~ strips the white space next to it, as in Terraform.
    expect(run('%{ for p in var.ports ~}\n  ${p}%{ endfor }')).toBe('22443');
  });

  it('parses objects with bare, quoted and parenthesised keys, newlines as separators', () => {
    expect(
      run(
        '${{\n  owner = var.tags.owner\n  "cost-center": 42,\n  (var.env) = true\n}}',
      ),
    ).toEqual({ owner: 'team-a', 'cost-center': 42, prod: true });
  });

  it('reads heredocs inside expressions', () => {
    expect(
      toValue(
        evaluate(
          parseExpression('<<-EOT\n    a ${var.env}\n      b\n    EOT\n'),
          scope(NAMES),
        ),
      ),
    ).toBe('a prod\n  b\n');
  });

  it('propagates unknown values with their reason', () => {
    const value = run('${var.missing == "x" ? 1 : 2}');
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).reason).toContain('var.missing has no default');
    expect(run('${[var.missing, 1]}')).toEqual([expect.any(Unknown), 1]);
  });

  it('keeps the known text of a string built from a computed attribute', () => {
    const value = run('${local.arn}/*') as Unknown;
    expect(value.computed).toBe('aws_s3_bucket.b.arn');
    expect(value.partial).toBe('(known after apply: aws_s3_bucket.b.arn)/*');
  });

  it('throws configuration errors that try() and can() catch', () => {
    expect(() => run('${var.nope}')).toThrow(EvaluationError);
    expect(() => run('${var.ports[5]}')).toThrow('out of range');
    expect(run('${try(var.tags.nope, "fallback")}')).toBe('fallback');
    expect(run('${can(var.tags.owner)}')).toBe(true);
    expect(run('${can(var.tags.nope)}')).toBe(false);
  });
});

describe('Terraform functions', () => {
  it.each([
    [
      '${merge(var.tags, { env = var.env }, null)}',
      { owner: 'team-a', env: 'prod' },
    ],
    ['${lookup(var.tags, "nope", "d")}', 'd'],
    ['${format("%s-%03d", var.env, 7)}', 'prod-007'],
    ['${join(",", var.ports)}', '22,443'],
    ['${concat(var.ports, [80])}', [22, 443, 80]],
    ['${flatten([[1], [2, [3]]])}', [1, 2, 3]],
    ['${distinct(["a", "a", "b"])}', ['a', 'b']],
    ['${contains(var.ports, 22)}', true],
    ['${length(var.tags)}', 1],
    ['${element(var.ports, 3)}', 443],
    ['${coalesce("", null, "x")}', 'x'],
    ['${keys({ b = 1, a = 2 })}', ['a', 'b']],
    ['${replace("a-b-c", "/-/", "_")}', 'a_b_c'],
    ['${upper(trimspace("  x "))}', 'X'],
    ['${tostring(5)}', '5'],
    ['${tobool("true")}', true],
    ['${jsonencode({ a = [1, "x"] })}', '{"a":[1,"x"]}'],
    ['${jsondecode("{\\"a\\": 1}").a}', 1],
    ['${cidrsubnet("10.0.0.0/16", 8, 2)}', '10.0.2.0/24'],
    ['${cidrhost("10.0.1.0/24", 5)}', '10.0.1.5'],
    ['${zipmap(["a", "b"], [1, 2])}', { a: 1, b: 2 }],
    ['${toset(["b", "a", "b"])}', ['b', 'a']],
    ['${one([])}', null],
    ['${max(var.ports...)}', 443],
  ])('%s', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it('keeps the structure of a partly unknown jsonencode', () => {
    const value = run(
      '${jsonencode({ Resource = local.arn, Action = "s3:*" })}',
    ) as Unknown;
    expect(value).toBeInstanceOf(Unknown);
    expect(value.partial).toEqual({
      Resource: expect.any(Unknown),
      Action: 's3:*',
    });
  });

  it('says which functions it does not evaluate', () => {
    expect((run('${file("policy.json")}') as Unknown).reason).toBe(
      'file("policy.json") reads a file that was not scanned with the module',
    );
    expect((run('${provider::aws::arn_parse("x")}') as Unknown).reason).toBe(
      'provider::aws::arn_parse() is not evaluated here',
    );
  });
});
