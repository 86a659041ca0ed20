import { Link as RouterLink, useLocation } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { AgenticLinks } from '../../hooks/useWorkflowLink';

/** The `/agentic` page's sections: workflows (with each workflow's view) and remediation. */
export function AgenticTabs(props: { links: AgenticLinks }) {
  const { links } = props;
  const { pathname } = useLocation();
  const remediation = links.remediation();
  const current =
    pathname === remediation || pathname.startsWith(`${remediation}/`)
      ? 'remediation'
      : 'workflows';
  return (
    <Box mb={2}>
      <Tabs value={current} indicatorColor="primary" aria-label="Agents">
        <Tab
          value="workflows"
          label="Workflows"
          component={RouterLink}
          to={links.root()}
        />
        <Tab
          value="remediation"
          label="Remediation"
          component={RouterLink}
          to={remediation}
        />
      </Tabs>
    </Box>
  );
}
