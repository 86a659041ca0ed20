import { Route, Routes } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import { AgenticTabs } from './AgenticTabs';
import { WorkflowListPage } from './WorkflowListPage';
import { WorkflowDetailsPage } from './WorkflowDetailsPage';
import { RemediationPage } from './RemediationPage';
import { PolicyPage } from '../PolicyPage';

/**
 * The `/agentic` page: the workflow list, `workflows/:id` for one workflow,
 * `remediation` for the Remediation agent's figures and records, and
 * `policy` for the Policy agent's compliance report.
 */
export function AgenticPageContent() {
  const links = useAgenticLinks();
  return (
    <Page themeId="tool">
      <Header
        title="Agents"
        subtitle="What the agents do: workflows through the Planner, failed pipelines the Remediation agent fixes, and compliance with the Policy agent's rules"
      />
      <Content>
        {links && <AgenticTabs links={links} />}
        <Routes>
          <Route path="/" element={<WorkflowListPage />} />
          <Route path="/workflows/:id" element={<WorkflowDetailsPage />} />
          <Route path="/remediation" element={<RemediationPage />} />
          <Route path="/policy" element={<PolicyPage />} />
        </Routes>
      </Content>
    </Page>
  );
}
