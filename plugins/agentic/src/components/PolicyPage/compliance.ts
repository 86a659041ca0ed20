import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  ComplianceReport,
  ComplianceRow,
  SEVERITIES,
} from '@agentic-devops/plugin-policy-common';

/** What the page is narrowed to; undefined for all. */
export interface ComplianceFilter {
  framework?: string;
  /** The owning team's entity ref. */
  owner?: string;
}

export type FrameworkSummary = ComplianceReport['frameworks'][number];

const unique = (values: string[]) =>
  [...new Set(values)].sort((a, b) => a.localeCompare(b));

export function frameworksOf(report: ComplianceReport): string[] {
  return unique([
    ...report.frameworks.map(f => f.framework),
    ...report.rows.map(r => r.framework),
  ]);
}

export function ownersOf(report: ComplianceReport): string[] {
  return unique(report.rows.map(r => r.owner));
}

/** `group:default/payments` reads "payments"; what is not an entity ref reads as is. */
export function ownerLabel(owner: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(owner), { defaultKind: 'group' });
  } catch {
    return owner;
  }
}

/** The rows the filter keeps, by framework, most severe rule first, then rule and team. */
export function filterRows(
  report: ComplianceReport,
  filter: ComplianceFilter,
): ComplianceRow[] {
  return report.rows
    .filter(
      row =>
        (!filter.framework || row.framework === filter.framework) &&
        (!filter.owner || row.owner === filter.owner),
    )
    .sort(
      (a, b) =>
        a.framework.localeCompare(b.framework) ||
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.owner.localeCompare(b.owner),
    );
}

/**
 * Compliant entity-rule pairs over all, per framework: the agent's figures,
 * or, for one team, the sums of that team's rows (the agent's figures span
 * every team).
 */
export function frameworkSummaries(
  report: ComplianceReport,
  filter: ComplianceFilter,
): FrameworkSummary[] {
  const keep = (framework: string) =>
    !filter.framework || framework === filter.framework;
  if (!filter.owner) {
    return report.frameworks.filter(f => keep(f.framework));
  }
  const sums = new Map<string, FrameworkSummary>();
  for (const row of filterRows(report, filter)) {
    const sum = sums.get(row.framework) ?? {
      framework: row.framework,
      compliant: 0,
      total: 0,
    };
    sum.compliant += row.compliant;
    sum.total += row.entities;
    sums.set(row.framework, sum);
  }
  return [...sums.values()];
}

/** A whole percentage, rounded down so that 100% means no gap; a dash with nothing to judge. */
export function compliancePercent(compliant: number, total: number): string {
  return total > 0 ? `${Math.floor((compliant / total) * 100)}%` : '–';
}

/** The report as the page shows it: the filtered rows and their frameworks' figures. */
export function filteredReport(
  report: ComplianceReport,
  filter: ComplianceFilter,
): ComplianceReport {
  return {
    generatedAt: report.generatedAt,
    frameworks: frameworkSummaries(report, filter),
    rows: filterRows(report, filter),
  };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** `compliance-2025-03-03.csv`, with the filters in the name when there are some. */
export function csvFileName(
  report: ComplianceReport,
  filter: ComplianceFilter,
): string {
  const parts = [
    'compliance',
    filter.framework && slug(filter.framework),
    filter.owner && slug(ownerLabel(filter.owner)),
    report.generatedAt.slice(0, 10),
  ].filter(Boolean);
  return `${parts.join('-')}.csv`;
}
