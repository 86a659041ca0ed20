import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ScanTrigger,
  WaiverStatus,
} from '@agentic-devops/plugin-policy-common';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { PolicyService } from './PolicyService';

const toArray = <T extends string>(value: unknown): T[] | undefined => {
  if (value === undefined) return undefined;
  return [value].flat().flatMap(v => String(v).split(',')) as T[];
};

const optionalNumber = (value: unknown) =>
  value === undefined ? undefined : Number(value);

/** The REST API of schema/openapi.yaml; requests are validated against it first. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  policy: PolicyService;
}) {
  const { httpAuth, policy } = options;
  // Scan reports can be long (every finding of a repository).
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '10mb' })],
  });

  router.get('/scans', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await policy.listScans(
        {
          entityRef: req.query.entityRef,
          triggers: toArray<ScanTrigger>(req.query.trigger),
          offset: optionalNumber(req.query.offset),
          limit: optionalNumber(req.query.limit),
        },
        { credentials },
      ),
    );
  });

  router.post('/scans', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res
      .status(201)
      .json(await policy.recordReport(req.body, { credentials, request: req }));
  });

  router.post('/scans/run', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res
      .status(201)
      .json(
        await policy.runEntityScan(req.body, { credentials, request: req }),
      );
  });

  router.get('/scans/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await policy.getScan(req.params.id, { credentials }));
  });

  router.get('/trend', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({
      points: await policy.trend(req.query.entityRef, { credentials }),
    });
  });

  router.get('/waivers', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({
      items: await policy.listWaivers(
        {
          entityRef: req.query.entityRef,
          status: toArray<WaiverStatus>(req.query.status),
        },
        { credentials },
      ),
    });
  });

  router.post('/waivers', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res
      .status(201)
      .json(
        await policy.requestWaiver(req.body, { credentials, request: req }),
      );
  });

  router.post('/waivers/:id/approve', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await policy.approveWaiver(req.params.id, { credentials, request: req }),
    );
  });

  router.post('/waivers/:id/reject', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await policy.rejectWaiver(req.params.id, { credentials, request: req }),
    );
  });

  router.get('/report', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await policy.report({ credentials }));
  });

  router.get('/report.csv', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const csv = await policy.reportCsv({ credentials });
    res
      .type('text/csv; charset=utf-8')
      .attachment('policy-compliance.csv')
      .send(csv);
  });

  return router;
}
