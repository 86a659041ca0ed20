import { ReactNode, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  agenticPolicyWaiverRequestPermission,
  PolicyScan,
  ScanTrendPoint,
  Waiver,
} from '@agentic-devops/plugin-policy-common';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import {
  countFindings,
  FindingsTable,
  ScanFinding,
  SeverityCounts,
} from '../PolicyFindings';
import { SeverityTrend } from '../PolicyTrend';
import { WaiverList, WaiverRequestDialog } from '../PolicyWaivers';
import { Loaded, useEntityPolicy } from './useEntityPolicy';
import { ScanErrors } from './ScanErrors';
import { ScanHeader } from './ScanHeader';

export interface EntityPolicyCardProps {
  title?: string;
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mt={3} aria-label={props.title}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function Findings(props: {
  scan: PolicyScan;
  waivers?: Waiver[];
  onRequestWaiver?: (finding: ScanFinding) => void;
}) {
  const { scan, waivers, onRequestWaiver } = props;
  return (
    <>
      <ScanHeader scan={scan} />
      <Box my={2}>
        <SeverityCounts counts={countFindings(scan.findings)} />
      </Box>
      {scan.errors.length > 0 && (
        <Box mb={2}>
          <ScanErrors errors={scan.errors} />
        </Box>
      )}
      {scan.findings.length === 0 ? (
        <Typography variant="body2">
          No findings: every rule passes on the files scanned.
        </Typography>
      ) : (
        <FindingsTable
          findings={scan.findings}
          waivers={waivers}
          onRequestWaiver={onRequestWaiver}
        />
      )}
    </>
  );
}

function Trend(props: { trend: Loaded<ScanTrendPoint[]> }) {
  const { trend } = props;
  if (trend.error) {
    return <ResponseErrorPanel error={trend.error} />;
  }
  if (!trend.value) {
    return <Progress />;
  }
  return <SeverityTrend points={trend.value} />;
}

function Waivers(props: { waivers: Loaded<Waiver[]>; onChange: () => void }) {
  const { waivers, onChange } = props;
  if (waivers.error) {
    return <ResponseErrorPanel error={waivers.error} />;
  }
  if (!waivers.value) {
    return <Progress />;
  }
  if (waivers.value.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No waivers. Request one on a finding that is acceptable here: it applies
        once an owner of the entity approves it, until it expires.
      </Typography>
    );
  }
  return <WaiverList waivers={waivers.value} onChange={onChange} />;
}

/**
 * The Policy agent on an entity: its latest scan (counts per severity, the
 * findings with their fixes), the trend over the latest scans, and the
 * entity's waivers, requested on a finding and approved by an owner here.
 */
export function EntityPolicyCard(props: EntityPolicyCardProps) {
  const { title = 'Policy' } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const links = useAgenticLinks();
  const { scan, trend, waivers, refresh } = useEntityPolicy(entityRef);
  const { allowed: mayRequest } = usePermission({
    permission: agenticPolicyWaiverRequestPermission,
  });
  const [waiving, setWaiving] = useState<ScanFinding>();

  let content;
  if (scan.error) {
    content = <ResponseErrorPanel error={scan.error} />;
  } else if (scan.value === undefined) {
    content = <Progress />;
  } else if (scan.value === null) {
    content = (
      <>
        <EmptyState
          missing="data"
          title="No policy scan yet"
          description="The Policy agent's findings in this entity's Terraform, Kubernetes manifests and Dockerfiles appear here after its first scan: when a merge request of its repository is opened or updated, when a software template runs agentic:policy:check, when a workflow runs a policy.check step, or on POST /api/policy/scans/run for a local source. Each scan is kept, so the trend over time builds up here too."
        />
        {waivers.value && waivers.value.length > 0 && (
          <Section title="Waivers">
            <Waivers waivers={waivers} onChange={refresh} />
          </Section>
        )}
      </>
    );
  } else {
    content = (
      <>
        <Findings
          scan={scan.value}
          waivers={waivers.value}
          onRequestWaiver={mayRequest ? setWaiving : undefined}
        />
        <Section title="Trend">
          <Trend trend={trend} />
        </Section>
        <Section title="Waivers">
          <Waivers waivers={waivers} onChange={refresh} />
        </Section>
      </>
    );
  }

  return (
    <InfoCard
      title={title}
      subheader="Policy findings in this entity's source: infrastructure, manifests and images"
      deepLink={
        links ? { title: 'Compliance report', link: links.policy() } : undefined
      }
    >
      {content}
      {waiving && (
        <WaiverRequestDialog
          key={`${waiving.ruleId}|${waiving.resource}`}
          finding={waiving}
          entityRef={entityRef}
          onClose={() => setWaiving(undefined)}
          onRequested={() => {
            setWaiving(undefined);
            refresh();
          }}
        />
      )}
    </InfoCard>
  );
}
