import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/**
 * On whose behalf an action calls other plugins: the user who started the
 * template run (the run's initiator credentials, else its Backstage token),
 * or else the module's own service credentials (a run started by a service,
 * or one whose token has expired).
 */
export async function runCredentials(
  ctx: Pick<ActionContext<any>, 'getInitiatorCredentials' | 'secrets'>,
  auth: AuthService,
): Promise<BackstageCredentials> {
  const initiator = await ctx.getInitiatorCredentials();
  if (auth.isPrincipal(initiator, 'user')) return initiator;
  const token = ctx.secrets?.backstageToken;
  if (token) {
    const fromToken = await auth.authenticate(token).catch(() => undefined);
    if (fromToken && auth.isPrincipal(fromToken, 'user')) return fromToken;
  }
  return auth.getOwnServiceCredentials();
}

/** Who the credentials are, for the task log. */
export function describeCredentials(
  auth: AuthService,
  credentials: BackstageCredentials,
): string {
  return auth.isPrincipal(credentials, 'user')
    ? credentials.principal.userEntityRef
    : 'the scaffolder (no user credentials in this run)';
}
