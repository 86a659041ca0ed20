import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  NonRetryableTaskError,
  TaskHandler,
  WorkflowDefinition,
} from '@agentic-devops/plugin-agentic-node';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

const entityParams = z.object({ entityRef: z.string().min(1) });
type EntityParams = z.infer<typeof entityParams>;

/** What the check finds missing in an entity's catalog data. */
function metadataFindings(entity: Entity): string[] {
  const findings: string[] = [];
  if (!entity.metadata.description) findings.push('no description');
  if (!entity.spec?.lifecycle) findings.push('no lifecycle');
  if (!entity.spec?.system) findings.push('not part of a system');
  if (!entity.metadata.tags?.length) findings.push('no tags');
  const annotations = Object.keys(entity.metadata.annotations ?? {});
  if (
    !annotations.some(
      a => a.endsWith('/project-slug') || a === 'gitlab.com/project-id',
    )
  ) {
    findings.push('no source repository annotation');
  }
  return findings;
}

/**
 * A workflow that reads an entity from the catalog and checks what a platform
 * team expects of it (owner known, description, lifecycle, system, tags,
 * repository): a real, offline workflow on the embedded defaults.
 */
export function createEntityCheck(options: {
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { catalog, auth } = options;
  const load = async (entityRef: string) => {
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity)
      throw new NonRetryableTaskError(`${entityRef} is not in the catalog`);
    return entity;
  };

  const fetchEntity: TaskHandler<EntityParams> = {
    type: 'catalog.fetch-entity',
    title: 'Read the entity from the catalog',
    parameters: entityParams,
    async run({ params }) {
      const entity = await load(params.entityRef);
      return {
        entityRef: stringifyEntityRef(entity),
        kind: entity.kind,
        type: String(entity.spec?.type ?? ''),
        owner:
          entity.relations?.find(r => r.type === RELATION_OWNED_BY)
            ?.targetRef ?? null,
      };
    },
  };

  const checkOwner: TaskHandler<EntityParams> = {
    type: 'catalog.check-owner',
    title: 'Check that the owner exists',
    parameters: entityParams,
    async run({ inputs, params, progress }) {
      const owner = (inputs.fetch?.owner as string | null) ?? null;
      if (!owner) return { owner: null, ownerExists: false };
      const found = await catalog.getEntityByRef(parseEntityRef(owner), {
        credentials: await auth.getOwnServiceCredentials(),
      });
      await progress(
        `Owner ${owner} ${found ? 'is' : 'is not'} in the catalog`,
      );
      return {
        entityRef: params.entityRef,
        owner,
        ownerExists: Boolean(found),
      };
    },
  };

  const checkMetadata: TaskHandler<EntityParams> = {
    type: 'catalog.check-metadata',
    title: 'Check descriptive metadata',
    parameters: entityParams,
    async run({ params }) {
      return { findings: metadataFindings(await load(params.entityRef)) };
    },
  };

  const report: TaskHandler<EntityParams> = {
    type: 'catalog.report',
    title: 'Summarise the findings',
    parameters: entityParams,
    async run({ inputs, params }) {
      const findings = [
        ...((inputs.metadata?.findings as string[]) ?? []),
        ...(inputs.owner?.ownerExists === false
          ? ['owner is not in the catalog']
          : []),
      ];
      return {
        entityRef: params.entityRef,
        findings,
        summary: findings.length
          ? `${findings.length} finding(s): ${findings.join(', ')}`
          : 'No findings',
      };
    },
  };

  const definition: WorkflowDefinition<{ entityRef?: string }> = {
    name: 'catalog.entity-check',
    title: 'Catalog entity check',
    description:
      'Reads an entity and checks its owner and descriptive metadata.',
    parameters: z.object({ entityRef: z.string().min(1).optional() }),
    plan: (params, context) => {
      const entityRef = params.entityRef ?? context.entityRef;
      if (!entityRef) {
        throw new InputError(
          'catalog.entity-check needs an entityRef (of the request or as a parameter)',
        );
      }
      const p = { entityRef };
      return [
        { key: 'fetch', type: fetchEntity.type, params: p },
        {
          key: 'owner',
          type: checkOwner.type,
          params: p,
          dependsOn: ['fetch'],
        },
        {
          key: 'metadata',
          type: checkMetadata.type,
          params: p,
          dependsOn: ['fetch'],
        },
        {
          key: 'report',
          type: report.type,
          params: p,
          dependsOn: ['owner', 'metadata'],
        },
      ];
    },
  };

  return {
    handlers: [fetchEntity, checkOwner, checkMetadata, report],
    definition,
  };
}
