import { Value } from '../values/Unknown';

/** HCL native syntax expressions, as far as Terraform configurations use them. */
export type Expr =
  | { kind: 'literal'; value: Value }
  | { kind: 'template'; parts: TemplatePart[] }
  | { kind: 'variable'; name: string }
  | { kind: 'getAttr'; object: Expr; name: string }
  | { kind: 'index'; object: Expr; key: Expr }
  /** `source[*].each`: `each` reads the element as `{ kind: 'splatItem' }`. */
  | { kind: 'splat'; source: Expr; each: Expr }
  | { kind: 'splatItem' }
  | { kind: 'call'; name: string; args: Expr[]; expandFinal: boolean }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'object'; items: Array<{ key: Expr; value: Expr }> }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expr;
      /** Set for `{ for … : k => v }`, absent for `[ for … : v ]`. */
      keyExpr?: Expr;
      valueExpr: Expr;
      condition?: Expr;
      group: boolean;
    }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
  | { kind: 'conditional'; condition: Expr; whenTrue: Expr; whenFalse: Expr };

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'interpolation'; expr: Expr }
  | { kind: 'if'; condition: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expr;
      body: TemplatePart[];
    };
