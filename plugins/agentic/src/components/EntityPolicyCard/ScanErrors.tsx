import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ScanError } from '@agentic-devops/plugin-policy-common';

/** Files the scan could not read or parse: their findings are missing. */
export function ScanErrors(props: { errors: ScanError[] }) {
  const { errors } = props;
  if (errors.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning">
      <AlertTitle>
        {errors.length === 1
          ? '1 file could not be scanned'
          : `${errors.length} files could not be scanned`}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {errors.map(error => (
          <li key={error.file}>
            <code>{error.file}</code>: {error.error}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
