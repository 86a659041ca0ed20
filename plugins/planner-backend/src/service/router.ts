import { HttpAuthService } from '@backstage/backend-plugin-api';
import { createWorkflowRequestSchema } from '@agentic-devops/plugin-agentic-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { PlannerService } from './PlannerService';

const toArray = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  return [value].flat().flatMap(v => String(v).split(','));
};

/** The REST API of schema/openapi.yaml; requests are validated against it first. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  planner: PlannerService;
}) {
  const { httpAuth, planner } = options;
  const router = await createOpenApiRouter();

  router.post('/workflows', async (req, res) => {
    const parsed = createWorkflowRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(z.prettifyError(parsed.error).replace(/\n/g, '; '));
    }
    const credentials = await httpAuth.credentials(req);
    const { workflow, created } = await planner.create(parsed.data, {
      credentials,
      request: req,
    });
    res.status(created ? 201 : 200).json(workflow);
  });

  router.get('/workflows', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const page = await planner.list(
      {
        entityRef: req.query.entityRef,
        status: toArray(req.query.status) as any,
        definition: req.query.definition,
        offset:
          req.query.offset === undefined ? undefined : Number(req.query.offset),
        limit:
          req.query.limit === undefined ? undefined : Number(req.query.limit),
      },
      { credentials },
    );
    res.json(page);
  });

  router.get('/workflows/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await planner.get(req.params.id, { credentials }));
  });

  router.get('/workflows/:id/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const items = await planner.events(
      req.params.id,
      Number(req.query.afterSeq ?? 0),
      Number(req.query.limit ?? 1000),
      { credentials },
    );
    res.json({ items });
  });

  router.post('/workflows/:id/cancel', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await planner.cancel(req.params.id, { credentials, request: req }),
    );
  });

  router.post('/workflows/:id/tasks/:taskId/retry', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await planner.retryTask(req.params.id, req.params.taskId, {
        credentials,
        request: req,
      }),
    );
  });

  router.get('/dead-letters', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await planner.listDeadLetters(
        {
          workflowId: req.query.workflowId,
          includeReplayed: String(req.query.includeReplayed) === 'true',
          offset:
            req.query.offset === undefined
              ? undefined
              : Number(req.query.offset),
          limit:
            req.query.limit === undefined ? undefined : Number(req.query.limit),
        },
        { credentials },
      ),
    );
  });

  router.post('/dead-letters/:id/replay', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await planner.replayDeadLetter(req.params.id, {
        credentials,
        request: req,
      }),
    );
  });

  router.get('/definitions', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(planner.definitions());
  });

  return router;
}
