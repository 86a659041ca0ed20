import { useParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Breadcrumbs, Link } from '@backstage/core-components';
import { useAgenticLinks } from '../../hooks/useWorkflowLink';
import { WorkflowDetails } from '../WorkflowDetails';

/** `/agentic/workflows/:id`: one workflow on its own. */
export function WorkflowDetailsPage() {
  const { id = '' } = useParams();
  const links = useAgenticLinks();
  return (
    <>
      <Box mb={2}>
        <Breadcrumbs aria-label="breadcrumb">
          {links ? (
            <Link to={links.root()}>Workflows</Link>
          ) : (
            <Typography>Workflows</Typography>
          )}
          <Typography>{id}</Typography>
        </Breadcrumbs>
      </Box>
      <WorkflowDetails workflowId={id} showEntity />
    </>
  );
}
