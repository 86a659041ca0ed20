'use strict';

const express = require('express');
const { parseItemInput } = require('./items');

// Error bodies are `{ "error": "…" }` (openapi.yaml's Error).
const fail = (res, status, message) =>
  res.status(status).json({ error: message });
const notFound = (res, id) => fail(res, 404, `item ${id} not found`);

/**
 * The HTTP API (openapi.yaml): a health check and CRUD over the items of
 * `store` (src/store). Express 5 passes a rejected handler to the error
 * handler below.
 */
function createApp({ store }) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/items', async (_req, res) => {
    res.json(await store.list());
  });

  app.post('/items', async (req, res) => {
    const input = parseItemInput(req.body);
    if (input.errors) return fail(res, 422, input.errors.join('; '));
    const item = await store.create(input.item);
    return res
      .status(201)
      .location(`/items/${encodeURIComponent(item.id)}`)
      .json(item);
  });

  app.get('/items/:id', async (req, res) => {
    const item = await store.get(req.params.id);
    if (!item) return notFound(res, req.params.id);
    return res.json(item);
  });

  app.put('/items/:id', async (req, res) => {
    const input = parseItemInput(req.body);
    if (input.errors) return fail(res, 422, input.errors.join('; '));
    const item = await store.update(req.params.id, input.item);
    if (!item) return notFound(res, req.params.id);
    return res.json(item);
  });

  app.delete('/items/:id', async (req, res) => {
    if (!(await store.remove(req.params.id))) {
      return notFound(res, req.params.id);
    }
    return res.status(204).end();
  });

  app.use((req, res) => fail(res, 404, `no route ${req.method} ${req.path}`));

  // Express knows an error handler by its four parameters.
  app.use((error, _req, res, _next) => {
    if (error.type === 'entity.parse.failed') {
      return fail(res, 400, 'the body is not valid JSON');
    }
    // What the body parser refuses: too large (413), a charset it cannot read (415).
    if (error.status >= 400 && error.status < 500) {
      return fail(res, error.status, error.message);
    }
    console.error(error);
    return fail(res, 500, 'internal error');
  });

  return app;
}

module.exports = { createApp };
