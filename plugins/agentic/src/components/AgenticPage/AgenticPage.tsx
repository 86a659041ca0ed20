import { Route, Routes } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import { AgenticTabs } from './AgenticTabs';
import { WorkflowListPage } from './WorkflowListPage';
import { WorkflowDetailsPage } from './WorkflowDetailsPage';
import { RemediationPage } from './RemediationPage';

/**
 * The `/agentic` page: the workflow list, `workflows/:id` for one workflow,
 * and `remediation` for the Remediation agent's figures and records.
 */
export function AgenticPageContent() {
  const links = useAgenticLinks();
  return (
    <Page themeId="tool">
      <Header
        title="Agents"
        subtitle="What the agents do: workflows through the Planner, and failed pipelines the Remediation agent fixes"
      />
      <Content>
        {links && <AgenticTabs links={links} />}
        <Routes>
          <Route path="/" element={<WorkflowListPage />} />
          <Route path="/workflows/:id" element={<WorkflowDetailsPage />} />
          <Route path="/remediation" element={<RemediationPage />} />
        </Routes>
      </Content>
    </Page>
  );
}
