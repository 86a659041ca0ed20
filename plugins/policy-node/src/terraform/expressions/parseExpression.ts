import { BinaryOperator, Expr, TemplatePart } from './ast';

/**
 * A parser for HCL's native expression syntax (templates, traversals,
 * function calls, for expressions, operators).
 *
 * Why not the HCL parser itself: `@cdktf/hcl2json` parses files, but gives
 * every expression back as its source text (`"${merge(local.tags, {…})}"`);
 * its own expression parser costs about a millisecond per call through
 * WebAssembly, too slow for thousands of files, and it does not keep
 * object keys. The grammar is small and stable, so it is parsed here.
 */
export class ExpressionSyntaxError extends Error {}

const PRECEDENCE: Record<BinaryOperator, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

type Flat =
  | TemplatePart
  | { kind: 'directive'; word: 'if'; expr: Expr }
  | { kind: 'directive'; word: 'else' | 'endif' | 'endfor' }
  | {
      kind: 'directive';
      word: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expr;
    };

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(message: string): never {
    throw new ExpressionSyntaxError(
      `${message} at ${this.pos} in ${JSON.stringify(
        this.src.length > 120 ? `${this.src.slice(0, 117)}...` : this.src,
      )}`,
    );
  }

  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  skipSpace(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos += 1;
      } else if (c === '#' || this.startsWith('//')) {
        while (this.pos < this.src.length && this.peek() !== '\n') {
          this.pos += 1;
        }
      } else if (this.startsWith('/*')) {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else {
        return;
      }
    }
  }

  expect(text: string): void {
    this.skipSpace();
    if (!this.startsWith(text)) this.fail(`expected ${text}`);
    this.pos += text.length;
  }

  identifier(): string {
    this.skipSpace();
    if (!IDENT_START.test(this.peek())) this.fail('expected a name');
    const start = this.pos;
    this.pos += 1;
    while (IDENT_PART.test(this.peek())) this.pos += 1;
    return this.src.slice(start, this.pos);
  }

  /** Whether the text ahead is `for <name>` (a for expression). */
  atFor(): boolean {
    return /^for\s+[A-Za-z_][\w-]*\s*(?:,|in\b)/.test(
      this.src.slice(this.pos, this.pos + 80),
    );
  }

  // ---- expressions ----

  expression(): Expr {
    const condition = this.binary(1);
    this.skipSpace();
    if (this.peek() !== '?') return condition;
    this.pos += 1;
    const whenTrue = this.expression();
    this.expect(':');
    const whenFalse = this.expression();
    return { kind: 'conditional', condition, whenTrue, whenFalse };
  }

  operator(): BinaryOperator | undefined {
    this.skipSpace();
    const two = this.src.slice(this.pos, this.pos + 2);
    if (['||', '&&', '==', '!=', '<=', '>='].includes(two)) {
      return two as BinaryOperator;
    }
    const one = this.peek();
    if (one === '<' && two !== '<<') return '<';
    if (one === '>') return '>';
    if (['+', '-', '*', '/', '%'].includes(one)) {
      // `/*` and `//` start comments, skipped above.
      return one as BinaryOperator;
    }
    return undefined;
  }

  binary(minPrecedence: number): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.operator();
      if (!op || PRECEDENCE[op] < minPrecedence) return left;
      this.pos += op.length;
      const right = this.binary(PRECEDENCE[op] + 1);
      left = { kind: 'binary', op, left, right };
    }
  }

  unary(): Expr {
    this.skipSpace();
    const c = this.peek();
    if (c === '!' || c === '-') {
      this.pos += 1;
      const operand = this.unary();
      if (
        c === '-' &&
        operand.kind === 'literal' &&
        typeof operand.value === 'number'
      ) {
        return { kind: 'literal', value: -operand.value };
      }
      return { kind: 'unary', op: c, operand };
    }
    return this.postfix(this.primary());
  }

  postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      if (this.startsWith('...')) {
        // The expansion of a last argument or a grouping, not an attribute.
        this.pos = save;
        return expr;
      }
      if (this.peek() === '.' && this.peek(1) === '*') {
        this.pos += 2;
        expr = {
          kind: 'splat',
          source: expr,
          each: this.splatSteps({ kind: 'splatItem' }, false),
        };
      } else if (this.peek() === '.') {
        this.pos += 1;
        if (/[0-9]/.test(this.peek())) {
          expr = { kind: 'index', object: expr, key: this.number() };
        } else {
          expr = { kind: 'getAttr', object: expr, name: this.identifier() };
        }
      } else if (this.peek() === '[') {
        this.pos += 1;
        this.skipSpace();
        if (this.peek() === '*') {
          this.pos += 1;
          this.expect(']');
          expr = {
            kind: 'splat',
            source: expr,
            each: this.splatSteps({ kind: 'splatItem' }, true),
          };
        } else {
          const key = this.expression();
          this.expect(']');
          expr = { kind: 'index', object: expr, key };
        }
      } else {
        this.pos = save;
        return expr;
      }
    }
  }

  /** The traversal steps after a splat, applied to each element. */
  splatSteps(item: Expr, indexes: boolean): Expr {
    let expr = item;
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      if (
        this.peek() === '.' &&
        this.peek(1) !== '*' &&
        !this.startsWith('...')
      ) {
        this.pos += 1;
        expr = /[0-9]/.test(this.peek())
          ? { kind: 'index', object: expr, key: this.number() }
          : { kind: 'getAttr', object: expr, name: this.identifier() };
      } else if (indexes && this.peek() === '[' && this.peek(1) !== '*') {
        this.pos += 1;
        const key = this.expression();
        this.expect(']');
        expr = { kind: 'index', object: expr, key };
      } else {
        this.pos = save;
        return expr;
      }
    }
  }

  number(): Expr {
    const match = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(
      this.src.slice(this.pos, this.pos + 64),
    );
    if (!match) this.fail('expected a number');
    this.pos += match[0].length;
    return { kind: 'literal', value: Number(match[0]) };
  }

  primary(): Expr {
    this.skipSpace();
    const c = this.peek();
    if (/[0-9]/.test(c)) return this.number();
    if (c === '"') {
      this.pos += 1;
      return templateExpr(this.template('quoted'));
    }
    if (this.startsWith('<<')) return this.heredoc();
    if (c === '(') {
      this.pos += 1;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '[') {
      this.pos += 1;
      this.skipSpace();
      return this.atFor() ? this.forExpr(']') : this.tuple();
    }
    if (c === '{') {
      this.pos += 1;
      this.skipSpace();
      return this.atFor() ? this.forExpr('}') : this.object();
    }
    if (IDENT_START.test(c)) {
      let name = this.identifier();
      if (name === 'true') return { kind: 'literal', value: true };
      if (name === 'false') return { kind: 'literal', value: false };
      if (name === 'null') return { kind: 'literal', value: null };
      while (this.startsWith('::')) {
        this.pos += 2;
        name = `${name}::${this.identifier()}`;
      }
      const save = this.pos;
      this.skipSpace();
      if (this.peek() === '(') {
        this.pos += 1;
        return this.call(name);
      }
      this.pos = save;
      return { kind: 'variable', name };
    }
    return this.fail(`unexpected ${c ? JSON.stringify(c) : 'end'}`);
  }

  call(name: string): Expr {
    const args: Expr[] = [];
    let expandFinal = false;
    this.skipSpace();
    while (this.peek() !== ')') {
      args.push(this.expression());
      this.skipSpace();
      if (this.startsWith('...')) {
        this.pos += 3;
        expandFinal = true;
        this.skipSpace();
      }
      if (this.peek() === ',') {
        this.pos += 1;
        this.skipSpace();
      } else if (this.peek() !== ')') {
        this.fail('expected , or ) in a function call');
      }
    }
    this.pos += 1;
    return { kind: 'call', name, args, expandFinal };
  }

  tuple(): Expr {
    const items: Expr[] = [];
    this.skipSpace();
    while (this.peek() !== ']') {
      items.push(this.expression());
      this.skipSpace();
      if (this.peek() === ',') {
        this.pos += 1;
        this.skipSpace();
      } else if (this.peek() !== ']') {
        this.fail('expected , or ]');
      }
    }
    this.pos += 1;
    return { kind: 'tuple', items };
  }

  object(): Expr {
    const items: Array<{ key: Expr; value: Expr }> = [];
    this.skipSpace();
    while (this.peek() !== '}') {
      let key: Expr;
      const bare = /^([A-Za-z_][\w-]*)\s*(?:=(?![=>])|:)/.exec(
        this.src.slice(this.pos, this.pos + 200),
      );
      if (bare) {
        // A bare name as a key is the name itself, not a variable.
        key = { kind: 'literal', value: bare[1] };
        this.pos += bare[1].length;
      } else {
        key = this.expression();
      }
      this.skipSpace();
      if (this.peek() === '=' || this.peek() === ':') {
        this.pos += 1;
      } else {
        this.fail('expected = or : after an object key');
      }
      items.push({ key, value: this.expression() });
      this.skipSpace();
      if (this.peek() === ',') {
        this.pos += 1;
        this.skipSpace();
      }
    }
    this.pos += 1;
    return { kind: 'object', items };
  }

  forExpr(close: ']' | '}'): Expr {
    this.pos += 3; // for
    const first = this.identifier();
    this.skipSpace();
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.peek() === ',') {
      this.pos += 1;
      keyVar = first;
      valueVar = this.identifier();
    }
    if (this.identifier() !== 'in') this.fail('expected in');
    const collection = this.expression();
    this.expect(':');
    let keyExpr: Expr | undefined;
    let valueExpr = this.expression();
    let group = false;
    if (close === '}') {
      this.expect('=>');
      keyExpr = valueExpr;
      valueExpr = this.expression();
      this.skipSpace();
      if (this.startsWith('...')) {
        this.pos += 3;
        group = true;
      }
    }
    this.skipSpace();
    let condition: Expr | undefined;
    if (/^if\b/.test(this.src.slice(this.pos, this.pos + 3))) {
      this.pos += 2;
      condition = this.expression();
    }
    this.expect(close);
    return {
      kind: 'for',
      keyVar,
      valueVar,
      collection,
      keyExpr,
      valueExpr,
      condition,
      group,
    };
  }

  heredoc(): Expr {
    const header = /^<<(-?)([A-Za-z_][\w-]*)\r?\n/.exec(
      this.src.slice(this.pos, this.pos + 200),
    );
    if (!header) this.fail('expected a heredoc marker');
    this.pos += header[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= this.src.length) this.fail('unterminated heredoc');
      let end = this.src.indexOf('\n', this.pos);
      if (end < 0) end = this.src.length;
      const line = this.src.slice(this.pos, end).replace(/\r$/, '');
      this.pos = Math.min(end + 1, this.src.length);
      if (line.trim() === header[2]) break;
      lines.push(line);
    }
    let body = lines.map(line => `${line}\n`);
    if (header[1] === '-') {
      const indent = Math.min(
        ...lines
          .filter(line => line.trim() !== '')
          .map(line => /^[ \t]*/.exec(line)![0].length),
      );
      body = body.map(line => line.slice(Number.isFinite(indent) ? indent : 0));
    }
    return templateExpr(parseTemplate(body.join('')));
  }

  // ---- templates ----

  /**
   * The parts of a template. `quoted`: inside an expression, ending at the
   * closing quote, with escapes (`\n`, `\"`, `\u00e9`) still to decode.
   * `decoded`: a whole string from hcl2json, whose literal text is already
   * decoded except for `$${` and `%%{`.
   */
  template(mode: 'quoted' | 'decoded'): TemplatePart[] {
    const flat: Flat[] = [];
    let text = '';
    let stripNext = false;
    const pushText = () => {
      if (text) flat.push({ kind: 'text', text });
      text = '';
    };
    const stripBefore = () => {
      const last = flat[flat.length - 1];
      text = text.replace(/\s+$/, '');
      if (!text && last?.kind === 'text')
        last.text = last.text.replace(/\s+$/, '');
    };
    for (;;) {
      if (this.pos >= this.src.length) {
        if (mode === 'quoted') this.fail('unterminated string');
        break;
      }
      const c = this.peek();
      if (mode === 'quoted' && c === '"') {
        this.pos += 1;
        break;
      }
      if (
        (c === '$' || c === '%') &&
        this.peek(1) === c &&
        this.peek(2) === '{'
      ) {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && this.peek(1) === '{') {
        this.pos += 2;
        if (this.peek() === '~') {
          this.pos += 1;
          stripBefore();
        }
        pushText();
        if (c === '$') {
          flat.push({ kind: 'interpolation', expr: this.expression() });
        } else {
          flat.push(this.directive());
        }
        this.skipSpace();
        if (this.peek() === '~') {
          this.pos += 1;
          stripNext = true;
        }
        if (this.peek() !== '}') this.fail('expected } to end ${ or %{');
        this.pos += 1;
        continue;
      }
      if (mode === 'quoted' && c === '\\') {
        text += this.escape();
      } else {
        text += c;
        this.pos += 1;
      }
      if (stripNext) {
        if (/\s/.test(c) && text.trim() === '') {
          text = '';
          continue;
        }
        stripNext = false;
      }
    }
    pushText();
    return nest(flat, this);
  }

  escape(): string {
    const next = this.peek(1);
    this.pos += 2;
    const simple: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      '"': '"',
      '\\': '\\',
    };
    if (next in simple) return simple[next];
    if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const hex = this.src.slice(this.pos, this.pos + length);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) {
        this.fail('bad unicode escape');
      }
      this.pos += length;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return this.fail(`unknown escape \\${next}`);
  }

  directive(): Flat {
    const word = this.identifier();
    if (word === 'if')
      return { kind: 'directive', word, expr: this.expression() };
    if (word === 'else' || word === 'endif' || word === 'endfor') {
      return { kind: 'directive', word };
    }
    if (word === 'for') {
      const first = this.identifier();
      this.skipSpace();
      let keyVar: string | undefined;
      let valueVar = first;
      if (this.peek() === ',') {
        this.pos += 1;
        keyVar = first;
        valueVar = this.identifier();
      }
      if (this.identifier() !== 'in') this.fail('expected in');
      return {
        kind: 'directive',
        word,
        keyVar,
        valueVar,
        collection: this.expression(),
      };
    }
    return this.fail(`unknown template directive ${word}`);
  }
}

/** Builds the if/for structure of a template from its flat parts. */
function nest(flat: Flat[], parser: Parser): TemplatePart[] {
  let index = 0;
  const block = (ends: string[]): { parts: TemplatePart[]; end?: string } => {
    const parts: TemplatePart[] = [];
    while (index < flat.length) {
      const part = flat[index++];
      if (part.kind !== 'directive') {
        parts.push(part);
      } else if (ends.includes(part.word)) {
        return { parts, end: part.word };
      } else if (part.word === 'if') {
        const then = block(['else', 'endif']);
        const otherwise =
          then.end === 'else' ? block(['endif']) : { parts: [], end: then.end };
        if (otherwise.end !== 'endif')
          parser.fail('%{ if } without %{ endif }');
        parts.push({
          kind: 'if',
          condition: part.expr,
          then: then.parts,
          else: otherwise.parts,
        });
      } else if (part.word === 'for') {
        const body = block(['endfor']);
        if (body.end !== 'endfor') parser.fail('%{ for } without %{ endfor }');
        parts.push({
          kind: 'for',
          keyVar: part.keyVar,
          valueVar: part.valueVar,
          collection: part.collection,
          body: body.parts,
        });
      } else {
        parser.fail(`unexpected %{ ${part.word} }`);
      }
    }
    return { parts };
  };
  const result = block([]);
  if (result.end) parser.fail(`unexpected %{ ${result.end} }`);
  return result.parts;
}

/** A template of one literal is that text; of one interpolation, its value. */
function templateExpr(parts: TemplatePart[]): Expr {
  if (parts.length === 0) return { kind: 'literal', value: '' };
  if (parts.length === 1 && parts[0].kind === 'text') {
    return { kind: 'literal', value: parts[0].text };
  }
  if (parts.length === 1 && parts[0].kind === 'interpolation') {
    return parts[0].expr;
  }
  return { kind: 'template', parts };
}

function parseTemplate(text: string): TemplatePart[] {
  return new Parser(text).template('decoded');
}

/** Parses one expression (`var.a == "x" ? 1 : 2`). */
export function parseExpression(source: string): Expr {
  const parser = new Parser(source);
  const expr = parser.expression();
  parser.skipSpace();
  if (parser.pos < source.length) parser.fail('unexpected text');
  return expr;
}

const cache = new Map<string, Expr>();
const CACHE_LIMIT = 20_000;

/**
 * A string value as hcl2json gives it: a template whose literal text is
 * decoded (`"logs"`, `"${var.name}-logs"`, `"${merge(local.tags, {…})}"`).
 * Parsed once per distinct string.
 */
export function parseTemplateString(text: string): Expr {
  if (!text.includes('{')) return { kind: 'literal', value: text };
  const cached = cache.get(text);
  if (cached) return cached;
  const expr = templateExpr(parseTemplate(text));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, expr);
  return expr;
}
