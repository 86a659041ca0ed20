import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ChangedFile } from '@agentic-devops/plugin-policy-node';
import path from 'node:path';

export const POLICIES_DIR = path.resolve(__dirname, '../../../../policies');

/** A Dockerfile that pipes a download into a shell (high). */
export const curlPipeDockerfile = [
  'FROM alpine:3.20',
  'RUN apk add --no-cache curl',
  'RUN curl -fsSL https://get.example.com/install.sh | sh',
  'USER app',
  '',
].join('\n');

/** A settings file with a GitLab token in it (critical). */
export const settingsWithSecret = [
  'import os',
  '',
  'DEBUG = False',
  'GITLAB_TOKEN = "glpat-Zx8cVb7nM6aSdF5gH4jK"',
  '',
].join('\n');

export const cleanSettings = [
  'import os',
  '',
  'GITLAB_TOKEN = os.environ["GITLAB_TOKEN"]',
  '',
].join('\n');

export const riskyChanges: ChangedFile[] = [
  { path: 'Dockerfile', content: curlPipeDockerfile },
  { path: 'app/settings.py', content: settingsWithSecret },
];

export const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'gitlab.com/project-slug': 'payments/checkout' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orphan', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'experimental' },
  },
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

/** alice is in payments-team (owns checkout); anyone else owns only themselves. */
export function ownershipOf(userEntityRef: string): string[] {
  return userEntityRef === 'user:default/alice'
    ? [userEntityRef, 'group:default/payments-team']
    : [userEntityRef];
}

export const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef as string;
      return { userEntityRef: ref, ownershipEntityRefs: ownershipOf(ref) };
    },
  }),
});
