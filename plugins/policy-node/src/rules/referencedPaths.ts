import { parse } from '@bufbuild/cel';

type Node = { exprKind: { case?: string; value?: any } };

/**
 * The attribute paths a CEL expression reads (`resource.attributes.a.b` →
 * `a.b`), found in its syntax tree. A path read through a comprehension
 * (`resource.attributes.containers.all(c, c.privileged)`) counts as its
 * root (`containers`). Used to tell whether a rule's outcome rests on a
 * value that cannot be known.
 */
export function referencedPaths(expression: string): string[] {
  const paths = new Set<string>();
  const visit = (node: Node | undefined) => {
    if (!node?.exprKind?.case) return;
    const path = attributePath(node);
    if (path !== undefined) {
      paths.add(path);
      return;
    }
    const { case: kind, value } = node.exprKind;
    switch (kind) {
      case 'selectExpr':
        visit(value.operand);
        break;
      case 'callExpr':
        visit(value.target);
        value.args.forEach(visit);
        break;
      case 'listExpr':
        value.elements.forEach(visit);
        break;
      case 'structExpr':
        for (const entry of value.entries) {
          visit(entry.mapKey);
          visit(entry.value);
        }
        break;
      case 'comprehensionExpr':
        visit(value.iterRange);
        visit(value.accuInit);
        visit(value.loopCondition);
        visit(value.loopStep);
        visit(value.result);
        break;
      default:
        break;
    }
  };
  visit(parse(expression).expr as Node);
  return [...paths].sort();
}

/** `a.b` for `resource.attributes.a.b` (and `has(...)` of it), else undefined. */
function attributePath(node: Node): string | undefined {
  const names: string[] = [];
  let current: Node | undefined = node;
  while (current?.exprKind.case === 'selectExpr') {
    names.unshift(current.exprKind.value.field);
    current = current.exprKind.value.operand;
  }
  if (
    current?.exprKind.case !== 'identExpr' ||
    current.exprKind.value.name !== 'resource' ||
    names[0] !== 'attributes' ||
    names.length < 2
  ) {
    return undefined;
  }
  return names.slice(1).join('.');
}

/** Whether reading `read` involves the value at `unknown` (either contains the other). */
export function overlaps(read: string, unknown: string): boolean {
  const within = (inner: string, outer: string) =>
    inner === outer || inner.startsWith(`${outer}.`);
  return within(unknown, read) || within(read, unknown);
}
