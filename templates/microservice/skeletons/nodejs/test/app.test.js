'use strict';

// The API of ${{ values.name }} over the storage it was generated with
{%- if values.database == "postgresql" %}: PostgreSQL at DATABASE_URL.
{%- elif values.database == "dynamodb" %}: a local DynamoDB at DYNAMODB_ENDPOINT.
{%- else %}: memory.
{%- endif %}

const assert = require('node:assert/strict');
const { once } = require('node:events');
const { after, before, describe, it } = require('node:test');
const request = require('supertest');
const { createApp } = require('../src/app');
const { storeFromEnv } = require('../src/store');
{% if values.database == "postgresql" %}
if (!process.env.DATABASE_URL) {
  throw new Error(
    'DATABASE_URL is not set: the tests run against a real PostgreSQL database, e.g. DATABASE_URL=postgresql://127.0.0.1:5432/${{ values.name | replace("-", "_") }}_test make test',
  );
}
// The tests add items to the table `items` and check only their own.
const env = process.env;
{% elif values.database == "dynamodb" %}
if (!process.env.DYNAMODB_ENDPOINT) {
  throw new Error(
    'DYNAMODB_ENDPOINT is not set: the tests run against a local DynamoDB (dynalite, DynamoDB Local), e.g. DYNAMODB_ENDPOINT=http://127.0.0.1:4567 make test',
  );
}
// A table of this run's own, which the store creates.
const env = {
  ...process.env,
  DYNAMODB_TABLE: '${{ values.name }}-test-' + Date.now(),
};
{% else %}
const env = process.env;
{% endif %}
describe('${{ values.name }}', () => {
  let store;
  let server;
  let api;

  before(async () => {
    store = storeFromEnv(env);
    await store.init();
    server = createApp({ store }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    api = request(server);
  });

  after(async () => {
    server.close();
    await once(server, 'close');
    await store.close();
  });

  const createItem = async body => {
    const response = await api.post('/items').send(body).expect(201);
    return response.body;
  };

  it('is healthy', async () => {
    const response = await api.get('/health').expect(200);
    assert.deepEqual(response.body, { status: 'ok' });
  });

  describe('POST /items', () => {
    it('creates an item with an id, and says where it is', async () => {
      const response = await api
        .post('/items')
        .send({ name: 'first', description: 'the first item' })
        .expect(201);
      assert.equal(typeof response.body.id, 'string');
      assert.notEqual(response.body.id, '');
      assert.deepEqual(response.body, {
        id: response.body.id,
        name: 'first',
        description: 'the first item',
      });
      assert.equal(response.headers.location, `/items/${response.body.id}`);
    });

    it('gives a new item an empty description by default', async () => {
      const item = await createItem({ name: 'no description' });
      assert.equal(item.description, '');
    });

    for (const [what, body] of [
      ['no name', { description: 'nameless' }],
      ['an empty name', { name: '' }],
      ['a blank name', { name: '   ' }],
      ['a name that is not a string', { name: 42 }],
      ['a name of more than 200 characters', { name: 'n'.repeat(201) }],
      ['a description that is not a string', { name: 'x', description: [] }],
      ['a body that is not an object', ['name']],
    ]) {
      it(`refuses ${what} with 422`, async () => {
        const response = await api.post('/items').send(body).expect(422);
        assert.equal(typeof response.body.error, 'string');
      });
    }

    it('refuses a body that is not JSON with 400', async () => {
      const response = await api
        .post('/items')
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      assert.deepEqual(response.body, { error: 'the body is not valid JSON' });
    });
  });

  describe('GET /items', () => {
    it('lists the items', async () => {
      const first = await createItem({ name: 'listed 1' });
      const second = await createItem({ name: 'listed 2', description: 'b' });
      const response = await api.get('/items').expect(200);
      assert.ok(Array.isArray(response.body));
      for (const item of [first, second]) {
        assert.deepEqual(
          response.body.find(listed => listed.id === item.id),
          item,
        );
      }
    });
  });

  describe('GET /items/:id', () => {
    it('reads an item', async () => {
      const item = await createItem({ name: 'read me', description: 'r' });
      const response = await api.get(`/items/${item.id}`).expect(200);
      assert.deepEqual(response.body, item);
    });

    it('answers 404 for an unknown item', async () => {
      const response = await api.get('/items/no-such-item').expect(404);
      assert.deepEqual(response.body, {
        error: 'item no-such-item not found',
      });
    });
  });

  describe('PUT /items/:id', () => {
    it('replaces an item', async () => {
      const item = await createItem({ name: 'before', description: 'old' });
      const response = await api
        .put(`/items/${item.id}`)
        .send({ name: 'after', description: 'new' })
        .expect(200);
      assert.deepEqual(response.body, {
        id: item.id,
        name: 'after',
        description: 'new',
      });
      const read = await api.get(`/items/${item.id}`).expect(200);
      assert.deepEqual(read.body, response.body);
    });

    it('refuses an invalid item with 422 and keeps the stored one', async () => {
      const item = await createItem({ name: 'kept' });
      await api.put(`/items/${item.id}`).send({ name: '' }).expect(422);
      const read = await api.get(`/items/${item.id}`).expect(200);
      assert.deepEqual(read.body, item);
    });

    it('answers 404 for an unknown item', async () => {
      await api.put('/items/no-such-item').send({ name: 'x' }).expect(404);
      await api.get('/items/no-such-item').expect(404);
    });
  });

  describe('DELETE /items/:id', () => {
    it('deletes an item', async () => {
      const item = await createItem({ name: 'doomed' });
      await api.delete(`/items/${item.id}`).expect(204);
      await api.get(`/items/${item.id}`).expect(404);
      const list = await api.get('/items').expect(200);
      assert.ok(!list.body.some(listed => listed.id === item.id));
    });

    it('answers 404 for an unknown item', async () => {
      await api.delete('/items/no-such-item').expect(404);
    });
  });
{% if values.database != "none" %}
  it('keeps items in its storage: another store sees them', async () => {
    const item = await createItem({ name: 'stored', description: 'kept' });
    const other = storeFromEnv(env);
    try {
      assert.deepEqual(await other.get(item.id), item);
    } finally {
      await other.close();
    }
  });
{% endif %}
  it('answers 404 in JSON for an unknown route', async () => {
    const response = await api.get('/nowhere').expect(404);
    assert.deepEqual(response.body, { error: 'no route GET /nowhere' });
  });
});
