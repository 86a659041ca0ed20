import { AuditorService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createPolicyScanner } from '@agentic-devops/plugin-policy-node';
import { Knex } from 'knex';
import { KnexPolicyStore } from '../database/KnexPolicyStore';
import { policyWaiverPermissionRules } from '../permissions/rules';
import { PolicyService } from '../service/PolicyService';
import { PolicySettings } from '../settings';
import { entities, ownershipOf, POLICIES_DIR } from './fixtures';

export interface AuditRecord {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: string;
}

/** An auditor that keeps its events, with how each ended. */
export function capturingAuditor(into: AuditRecord[]): AuditorService {
  return {
    async createEvent(options) {
      const record: AuditRecord = {
        eventId: options.eventId,
        meta: options.meta as Record<string, unknown>,
      };
      into.push(record);
      return {
        async success() {
          record.outcome = 'success';
        },
        async fail({ error }) {
          record.outcome = 'fail';
          record.error = error.message;
        },
      };
    },
  };
}

export const testSettings: PolicySettings = {
  policiesDirectory: POLICIES_DIR,
  overrides: {},
  failOn: 'critical',
  waiverMaxDays: 365,
};

/** The service over a test database, the repository's rules, a mock catalog and a clock. */
export async function createTestPolicyService(
  knex: Knex,
  options: {
    now?: () => number;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    settings?: Partial<PolicySettings>;
  } = {},
) {
  const audit: AuditRecord[] = [];
  const store = await KnexPolicyStore.create({
    database: mockServices.database({ knex }),
    now: options.now,
  });
  const settings = { ...testSettings, ...options.settings };
  const rules = Object.values(policyWaiverPermissionRules);
  const policy = new PolicyService({
    store,
    scanner: createPolicyScanner({
      policiesDirectory: settings.policiesDirectory,
      overrides: settings.overrides,
    }),
    settings,
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    userInfo: {
      getUserInfo: async (credentials: any) => ({
        userEntityRef: credentials.principal.userEntityRef,
        ownershipEntityRefs: ownershipOf(credentials.principal.userEntityRef),
      }),
    },
    permissions: mockServices.permissions({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
    ruleset: {
      getRuleByName: name => {
        const rule = rules.find(r => r.name === name);
        if (!rule) throw new Error(`No rule ${name}`);
        return rule as any;
      },
    },
    auditor: capturingAuditor(audit),
    logger: mockServices.logger.mock(),
    now: options.now,
  });
  return { policy, store, audit, settings };
}
