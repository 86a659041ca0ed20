'use strict';

// Where the service keeps its items: in memory. They are lost when the
// process ends, and every replica has its own.

const { randomUUID } = require('node:crypto');

class MemoryItemStore {
  constructor() {
    this.items = new Map();
  }

  async init() {}

  async list() {
    return [...this.items.values()].map(item => ({ ...item }));
  }

  async get(id) {
    const item = this.items.get(id);
    return item ? { ...item } : null;
  }

  async create({ name, description }) {
    const item = { id: randomUUID(), name, description };
    this.items.set(item.id, item);
    return { ...item };
  }

  async update(id, { name, description }) {
    if (!this.items.has(id)) return null;
    const item = { id, name, description };
    this.items.set(id, item);
    return { ...item };
  }

  async remove(id) {
    return this.items.delete(id);
  }

  async close() {}
}

/** The store: in memory, whatever the environment. */
function storeFromEnv() {
  return new MemoryItemStore();
}

module.exports = { MemoryItemStore, storeFromEnv };
