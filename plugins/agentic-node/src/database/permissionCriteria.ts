import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';

/** A permission rule's query: rows whose `key` column holds one of `values` (entity refs). */
export type RefQuery<K extends string = string> = { key: K; values: string[] };

/**
 * Applies a conditional permission decision as a WHERE clause. Refs are
 * compared in lower case: the stores keep entity refs lower-cased.
 */
export function applyPermissionCriteria<K extends string>(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<RefQuery<K>>,
  column: (key: K) => string,
): void {
  if ('allOf' in criteria) {
    query.where(q => {
      for (const c of criteria.allOf)
        q.andWhere(sub => applyPermissionCriteria(sub, c, column));
    });
  } else if ('anyOf' in criteria) {
    query.where(q => {
      for (const c of criteria.anyOf)
        q.orWhere(sub => applyPermissionCriteria(sub, c, column));
    });
  } else if ('not' in criteria) {
    query.whereNot(q => applyPermissionCriteria(q, criteria.not, column));
  } else if (criteria.values.length === 0) {
    query.whereRaw('1 = 0');
  } else {
    query.whereIn(
      column(criteria.key),
      criteria.values.map(v => v.toLocaleLowerCase('en-US')),
    );
  }
}
