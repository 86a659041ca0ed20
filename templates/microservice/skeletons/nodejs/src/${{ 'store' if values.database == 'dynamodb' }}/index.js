'use strict';

// Where the service keeps its items: the DynamoDB table DYNAMODB_TABLE
// (default ${{ values.name }}), key `id`.

const { randomUUID } = require('node:crypto');
const {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} = require('@aws-sdk/client-dynamodb');
const {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateScan,
} = require('@aws-sdk/lib-dynamodb');

const hasName = (error, name) => error?.name === name;
const asItem = ({ id, name, description }) => ({ id, name, description });

class DynamoDbItemStore {
  constructor(client, table) {
    this.client = client;
    this.documents = DynamoDBDocumentClient.from(client);
    this.table = table;
  }

  /**
   * Creates the table when it is missing (Terraform creates the real one)
   * and waits until it is active.
   */
  async init() {
    const TableName = this.table;
    try {
      await this.client.send(new DescribeTableCommand({ TableName }));
    } catch (error) {
      if (!hasName(error, 'ResourceNotFoundException')) throw error;
      try {
        await this.client.send(
          new CreateTableCommand({
            TableName,
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
      } catch (createError) {
        // Another replica created it meanwhile.
        if (!hasName(createError, 'ResourceInUseException')) throw createError;
      }
    }
    await waitUntilTableExists(
      { client: this.client, minDelay: 1, maxDelay: 5, maxWaitTime: 120 },
      { TableName },
    );
  }

  async list() {
    const items = [];
    for await (const page of paginateScan(
      { client: this.documents },
      { TableName: this.table },
    )) {
      items.push(...(page.Items ?? []).map(asItem));
    }
    return items;
  }

  async get(id) {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.table,
        Key: { id },
        ConsistentRead: true,
      }),
    );
    return Item ? asItem(Item) : null;
  }

  async create({ name, description }) {
    const item = { id: randomUUID(), name, description };
    await this.documents.send(
      new PutCommand({
        TableName: this.table,
        Item: item,
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    );
    return item;
  }

  async update(id, { name, description }) {
    const item = { id, name, description };
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_exists(id)',
        }),
      );
      return item;
    } catch (error) {
      if (hasName(error, 'ConditionalCheckFailedException')) return null;
      throw error;
    }
  }

  async remove(id) {
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { id },
          ConditionExpression: 'attribute_exists(id)',
        }),
      );
      return true;
    } catch (error) {
      if (hasName(error, 'ConditionalCheckFailedException')) return false;
      throw error;
    }
  }

  async close() {
    this.client.destroy();
  }
}

/**
 * The store of the table DYNAMODB_TABLE in AWS_REGION (default eu-west-1),
 * at DYNAMODB_ENDPOINT when set (a local DynamoDB such as dynalite).
 */
function storeFromEnv(env) {
  const endpoint = env.DYNAMODB_ENDPOINT || undefined;
  const client = new DynamoDBClient({
    region: env.AWS_REGION || 'eu-west-1',
    endpoint,
    // A local DynamoDB accepts any credentials. On AWS they come from the
    // SDK's default chain (the pod's IAM role), never from here.
    ...(endpoint && !env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' } }
      : {}),
  });
  return new DynamoDbItemStore(
    client,
    env.DYNAMODB_TABLE || '${{ values.name }}',
  );
}

module.exports = { DynamoDbItemStore, storeFromEnv };
