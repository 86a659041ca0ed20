import { policyStatements } from '../iam/policyStatements';
import { isObject, Unknown, Value } from '../values/Unknown';
import { blocksAt, ResourceInstance } from './ResourceInstance';

const WITH_POLICY = new Set([
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_s3_bucket_policy',
]);

/**
 * `statements` of IAM policies, inline role policies (`aws_iam_role`'s
 * inline_policy blocks) and bucket policies (see policyStatements).
 */
export function normaliseIamPolicies(instance: ResourceInstance): void {
  const { values } = instance;
  if (WITH_POLICY.has(instance.type)) {
    values.statements = policyStatements(values.policy);
  } else if (instance.type === 'aws_iam_role') {
    const inline = blocksAt(instance, 'inline_policy');
    if (inline instanceof Unknown) {
      values.statements = inline;
      return;
    }
    const statements: Value[] = [];
    for (const block of inline) {
      const list = policyStatements(isObject(block) ? block.policy : block);
      if (list instanceof Unknown) {
        values.statements = list;
        return;
      }
      statements.push(...(list as Value[]));
    }
    values.statements = statements;
  }
}
