import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  agenticRemediationReadPermission,
  Remediation,
  RemediationClient,
} from '@agentic-devops/plugin-remediation-common';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { Readable } from 'node:stream';
import { remediationLink } from '../notify/RemediationNotifier';

export interface RemediationDocument extends IndexableDocument {
  entityRef?: string;
  category?: string;
  status: string;
  project: string;
  mergeRequestUrl?: string;
}

const PAGE = 200;

export function toRemediationDocument(r: Remediation): RemediationDocument {
  const d = r.diagnosis;
  const cause = d ? d.category.replace(/_/g, ' ') : 'pipeline failure';
  return {
    title: `${r.project}: ${r.jobName} on ${
      r.ref
    } — ${cause} (${r.status.replace(/_/g, ' ')})`,
    text: [
      d?.rootCause,
      ...(d?.evidence.map(e => e.text) ?? []),
      d?.fix?.summary,
      r.summary,
    ]
      .filter(Boolean)
      .join('\n'),
    location: remediationLink(r),
    authorization: {
      resourceRef: r.id,
    },
    entityRef: r.entityRef,
    category: d?.category,
    status: r.status,
    project: r.project,
    mergeRequestUrl: r.mergeRequestUrl,
  };
}

/**
 * Remediation records for Backstage search, read page by page through the
 * plugin's own API with the search plugin's service credentials; the search
 * backend filters results by `agentic.remediation.read`.
 */
export class RemediationCollatorFactory implements DocumentCollatorFactory {
  readonly type = 'agentic-remediation';
  readonly visibilityPermission = agenticRemediationReadPermission;
  readonly #client: RemediationClient;

  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {
    this.#client = new RemediationClient({ discoveryApi: deps.discovery });
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.#documents());
  }

  async *#documents(): AsyncGenerator<RemediationDocument> {
    for (let offset = 0; ; offset += PAGE) {
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'remediation',
      });
      const page = await this.#client.listRemediations(
        { offset, limit: PAGE },
        { token },
      );
      for (const item of page.items) yield toRemediationDocument(item);
      if (page.items.length < PAGE) return;
    }
  }
}
