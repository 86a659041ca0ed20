import { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';

/** A labelled fact in a grid of facts (a workflow's, a remediation's). */
export function Field(props: {
  label: string;
  children: ReactNode;
  /** Wide fields take a whole row on small screens and half on large ones. */
  wide?: boolean;
}) {
  const { label, children, wide } = props;
  return (
    <Grid item xs={wide ? 12 : 6} sm={wide ? 12 : 4} md={wide ? 6 : 3}>
      <Typography variant="caption" color="textSecondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Grid>
  );
}
