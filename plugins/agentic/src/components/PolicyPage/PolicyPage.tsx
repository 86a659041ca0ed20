import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ComplianceReport,
  complianceReportToCsv,
} from '@agentic-devops/plugin-policy-common';
import { policyApiRef } from '../../api';
import { formatTime } from '../../lib/format';
import {
  ComplianceFilter,
  csvFileName,
  filteredReport,
  frameworksOf,
  ownersOf,
} from './compliance';
import { ComplianceFilters } from './ComplianceFilters';
import { ComplianceSummary } from './ComplianceSummary';
import { ComplianceTable } from './ComplianceTable';
import { downloadFile } from './downloadFile';

function Report(props: {
  report: ComplianceReport;
  filter: ComplianceFilter;
  onFilterChange: (filter: ComplianceFilter) => void;
}) {
  const { report, filter, onFilterChange } = props;
  const shown = useMemo(() => filteredReport(report, filter), [report, filter]);

  if (report.rows.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No scans to report on yet"
        description="The compliance report sums up the latest policy scan of every entity, per framework (CIS AWS, PCI-DSS, HIPAA, cost, operations), rule and owning team. Scans come from merge requests, template runs with agentic:policy:check, workflows' policy.check steps and POST /api/policy/scans/run; once an entity has one, it counts here."
      />
    );
  }

  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-end"
        mb={3}
        style={{ gap: 16 }}
      >
        <ComplianceFilters
          frameworks={frameworksOf(report)}
          owners={ownersOf(report)}
          framework={filter.framework}
          owner={filter.owner}
          onChange={onFilterChange}
        />
        <Box flexGrow={1} />
        <Button
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          disabled={shown.rows.length === 0}
          onClick={() =>
            downloadFile(
              csvFileName(report, filter),
              complianceReportToCsv(shown),
            )
          }
        >
          Export CSV
        </Button>
      </Box>
      <Box mb={3}>
        {shown.frameworks.length > 0 ? (
          <ComplianceSummary frameworks={shown.frameworks} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            No framework matches these filters.
          </Typography>
        )}
      </Box>
      <ComplianceTable
        rows={shown.rows}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              No rule and team match these filters.
            </Typography>
          </Box>
        }
      />
      <Box mt={1}>
        <Typography variant="caption" color="textSecondary">
          As of {formatTime(report.generatedAt)}. An entity complies with a rule
          when its latest scan has no open finding of it; waived findings do not
          count against it. The export holds the rows shown.
        </Typography>
      </Box>
    </>
  );
}

/**
 * `/agentic/policy`: the Policy agent's compliance report, per framework
 * (compliant over all), and per framework, rule and owning team; narrowed by
 * `?framework=` and `?owner=`, and exported as CSV as shown.
 */
export function PolicyPage() {
  const policyApi = useApi(policyApiRef);
  const [params, setParams] = useSearchParams();
  const framework = params.get('framework') || undefined;
  const owner = params.get('owner') || undefined;
  const filter = useMemo(() => ({ framework, owner }), [framework, owner]);

  const report = useAsyncRetry(
    () => policyApi.getComplianceReport(),
    [policyApi],
  );

  const setFilter = useCallback(
    (next: ComplianceFilter) =>
      setParams(
        previous => {
          const updated = new URLSearchParams(previous);
          for (const key of ['framework', 'owner'] as const) {
            const value = next[key];
            if (value) {
              updated.set(key, value);
            } else {
              updated.delete(key);
            }
          }
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );

  if (report.error) {
    return <ResponseErrorPanel error={report.error} />;
  }
  if (!report.value) {
    return <Progress />;
  }
  return (
    <Report report={report.value} filter={filter} onFilterChange={setFilter} />
  );
}
