import Grid from '@material-ui/core/Grid';
import { EntityWorkflowsCard } from '../EntityWorkflowsCard';
import { EntityRemediationCard } from '../EntityRemediationCard';
import { EntityPolicyCard } from '../EntityPolicyCard';

/** The entity page's "Agents" tab: the agents' cards for the entity. */
export function EntityAgentsContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <EntityWorkflowsCard />
      </Grid>
      <Grid item xs={12}>
        <EntityRemediationCard />
      </Grid>
      <Grid item xs={12}>
        <EntityPolicyCard />
      </Grid>
    </Grid>
  );
}
