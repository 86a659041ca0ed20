import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { RemediationService } from './RemediationService';

const toArray = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  return [value].flat().flatMap(v => String(v).split(','));
};

const optionalNumber = (value: unknown) =>
  value === undefined ? undefined : Number(value);

/** The REST API of schema/openapi.yaml; requests are validated against it first. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  remediation: RemediationService;
}) {
  const { httpAuth, remediation } = options;
  // JSON bodies only; /analyze streams its text/plain body itself.
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '256kb' })],
  });

  router.get('/remediations', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await remediation.list(
        {
          entityRef: req.query.entityRef,
          status: toArray(req.query.status) as any,
          offset: optionalNumber(req.query.offset),
          limit: optionalNumber(req.query.limit),
        },
        { credentials },
      ),
    );
  });

  router.get('/remediations/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await remediation.get(req.params.id, { credentials }));
  });

  router.get('/remediations/:id/log', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({ lines: await remediation.log(req.params.id, { credentials }) });
  });

  router.post('/remediations/:id/approve', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await remediation.approve(req.params.id, req.body?.comment, {
        credentials,
        request: req,
      }),
    );
  });

  router.post('/remediations/:id/reject', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await remediation.reject(req.params.id, req.body?.comment, {
        credentials,
        request: req,
      }),
    );
  });

  router.get('/stats', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await remediation.stats(
        { entityRef: req.query.entityRef },
        { credentials },
      ),
    );
  });

  router.post('/analyze', async (req, res) => {
    await httpAuth.credentials(req);
    if (!req.is('text/plain')) {
      throw new InputError('Send the log as the request body, text/plain');
    }
    res.json(await remediation.analyze(req));
  });

  router.post('/local/runs', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await remediation.runLocal(req.body, { credentials, request: req }),
    );
  });

  return router;
}
