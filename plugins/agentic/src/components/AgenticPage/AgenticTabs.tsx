import { Link as RouterLink, useLocation } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { AgenticLinks } from '../../hooks/useWorkflowLink';

const isUnder = (pathname: string, path: string) =>
  pathname === path || pathname.startsWith(`${path}/`);

/** The `/agentic` page's sections: workflows (with each workflow's view), remediation and policy. */
export function AgenticTabs(props: { links: AgenticLinks }) {
  const { links } = props;
  const { pathname } = useLocation();
  const remediation = links.remediation();
  const policy = links.policy();
  let current = 'workflows';
  if (isUnder(pathname, remediation)) {
    current = 'remediation';
  } else if (isUnder(pathname, policy)) {
    current = 'policy';
  }
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
        <Tab value="policy" label="Policy" component={RouterLink} to={policy} />
      </Tabs>
    </Box>
  );
}
