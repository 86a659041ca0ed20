import { Fragment } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { EvidenceLine } from '@agentic-devops/plugin-remediation-common';

const useStyles = makeStyles(theme => ({
  block: {
    margin: 0,
    padding: theme.spacing(1, 0),
    maxHeight: 400,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    lineHeight: 1.5,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  line: {
    display: 'flex',
    whiteSpace: 'pre',
    paddingRight: theme.spacing(1),
  },
  highlighted: {
    backgroundColor: theme.palette.action.selected,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  number: {
    flex: '0 0 auto',
    minWidth: '6ch',
    paddingRight: '1.5ch',
    textAlign: 'right',
    color: theme.palette.text.secondary,
    userSelect: 'none',
  },
  gap: {
    color: theme.palette.text.secondary,
    paddingLeft: '4ch',
    userSelect: 'none',
  },
}));

/**
 * Numbered log lines in monospace, numbered as in the job log; a gap in the
 * numbers shows as an ellipsis. Lines in `highlight` stand out.
 */
export function LogLines(props: {
  lines: EvidenceLine[];
  highlight?: ReadonlySet<number>;
  'aria-label'?: string;
}) {
  const { lines, highlight } = props;
  const classes = useStyles();
  return (
    <pre className={classes.block} aria-label={props['aria-label']}>
      {lines.map((line, index) => {
        const previous = lines[index - 1];
        return (
          <Fragment key={`${line.line}:${index}`}>
            {previous && line.line > previous.line + 1 && (
              <div className={classes.gap} aria-hidden>
                ⋯
              </div>
            )}
            <div
              className={`${classes.line} ${
                highlight?.has(line.line) ? classes.highlighted : ''
              }`}
              data-line={line.line}
            >
              <span className={classes.number}>{line.line}</span>
              <span>{line.text}</span>
            </div>
          </Fragment>
        );
      })}
    </pre>
  );
}
