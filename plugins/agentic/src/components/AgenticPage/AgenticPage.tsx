import { Route, Routes } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import { WorkflowListPage } from './WorkflowListPage';
import { WorkflowDetailsPage } from './WorkflowDetailsPage';

/** The `/agentic` page: the workflow list, and `workflows/:id` for one workflow. */
export function AgenticPageContent() {
  return (
    <Page themeId="tool">
      <Header
        title="Agents"
        subtitle="Workflows the agents run through the Planner"
      />
      <Content>
        <Routes>
          <Route path="/" element={<WorkflowListPage />} />
          <Route path="/workflows/:id" element={<WorkflowDetailsPage />} />
        </Routes>
      </Content>
    </Page>
  );
}
