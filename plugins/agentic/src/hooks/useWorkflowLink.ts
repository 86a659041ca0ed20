import { RouteFunc, useRouteRef } from '@backstage/core-plugin-api';
import {
  policyRouteRef,
  remediationRouteRef,
  rootRouteRef,
  workflowRouteRef,
} from '../routes';

/** Links into the `/agentic` page. */
export interface AgenticLinks {
  root: () => string;
  workflow: (id: string) => string;
  remediation: () => string;
  policy: () => string;
}

/**
 * Links into the `/agentic` page, or undefined where the app does not mount
 * it (the entity card then only expands workflows in place).
 */
export function useAgenticLinks(): AgenticLinks | undefined {
  // useRouteRef throws when the route is not mounted, but only after it has
  // run all of its own hooks, so catching keeps the hook order stable (the
  // same pattern as useRouteRef's own optional use of useApi).
  let root: RouteFunc<undefined> | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(rootRouteRef);
  } catch {
    root = undefined;
  }
  let workflow: RouteFunc<{ id: string }> | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    workflow = useRouteRef(workflowRouteRef);
  } catch {
    workflow = undefined;
  }
  let remediation: RouteFunc<undefined> | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    remediation = useRouteRef(remediationRouteRef);
  } catch {
    remediation = undefined;
  }
  let policy: RouteFunc<undefined> | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    policy = useRouteRef(policyRouteRef);
  } catch {
    policy = undefined;
  }
  if (!root || !workflow || !remediation || !policy) {
    return undefined;
  }
  const rootFunc = root;
  const workflowFunc = workflow;
  const remediationFunc = remediation;
  const policyFunc = policy;
  return {
    root: () => rootFunc(),
    workflow: id => workflowFunc({ id }),
    remediation: () => remediationFunc(),
    policy: () => policyFunc(),
  };
}
