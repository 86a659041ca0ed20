//
// Generated from src/schema/openapi.yaml by scripts/openapi/generate-router.js. Do not edit.
//
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'planner',
    version: '1',
    description:
      'The Planner: durable workflows of tasks. Requests become task graphs that run under leases, with retries, dead letters, replay and an ordered event history per workflow.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
    contact: {},
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    parameters: {
      workflowId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 0,
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 200,
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
              },
            },
            required: ['statusCode'],
          },
        },
        required: ['error', 'response'],
        additionalProperties: {},
      },
      WorkflowStatus: {
        type: 'string',
        enum: ['pending', 'running', 'succeeded', 'failed', 'cancelled'],
      },
      TaskStatus: {
        type: 'string',
        enum: [
          'blocked',
          'ready',
          'running',
          'succeeded',
          'failed',
          'cancelled',
        ],
      },
      AttemptStatus: {
        type: 'string',
        enum: ['running', 'succeeded', 'failed', 'lease_expired', 'cancelled'],
      },
      JsonObject: {
        type: 'object',
        additionalProperties: {},
      },
      Workflow: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          definition: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/WorkflowStatus',
          },
          parameters: {
            $ref: '#/components/schemas/JsonObject',
          },
          entityRef: {
            type: 'string',
          },
          entityOwnerRef: {
            type: 'string',
          },
          requestedBy: {
            type: 'string',
          },
          idempotencyKey: {
            type: 'string',
          },
          planSource: {
            type: 'string',
            enum: ['definition', 'reasoning'],
          },
          progress: {
            type: 'object',
            properties: {
              total: {
                type: 'integer',
              },
              succeeded: {
                type: 'integer',
              },
              failed: {
                type: 'integer',
              },
              running: {
                type: 'integer',
              },
            },
            required: ['total', 'succeeded', 'failed', 'running'],
          },
          error: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'definition',
          'title',
          'status',
          'parameters',
          'requestedBy',
          'planSource',
          'progress',
          'createdAt',
          'updatedAt',
        ],
      },
      Task: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          workflowId: {
            type: 'string',
          },
          key: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          params: {
            $ref: '#/components/schemas/JsonObject',
          },
          dependsOn: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          status: {
            $ref: '#/components/schemas/TaskStatus',
          },
          attempts: {
            type: 'integer',
          },
          maxAttempts: {
            type: 'integer',
          },
          nextAttemptAt: {
            type: 'string',
            format: 'date-time',
          },
          output: {
            $ref: '#/components/schemas/JsonObject',
          },
          lastError: {
            type: 'string',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'workflowId',
          'key',
          'type',
          'title',
          'params',
          'dependsOn',
          'status',
          'attempts',
          'maxAttempts',
        ],
      },
      TaskAttempt: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          taskId: {
            type: 'string',
          },
          attempt: {
            type: 'integer',
          },
          worker: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/AttemptStatus',
          },
          error: {
            type: 'string',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          durationMs: {
            type: 'integer',
          },
        },
        required: ['id', 'taskId', 'attempt', 'worker', 'status', 'startedAt'],
      },
      WorkflowEvent: {
        type: 'object',
        properties: {
          workflowId: {
            type: 'string',
          },
          seq: {
            type: 'integer',
          },
          type: {
            type: 'string',
          },
          taskKey: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          data: {
            $ref: '#/components/schemas/JsonObject',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: ['workflowId', 'seq', 'type', 'createdAt'],
      },
      WorkflowDetails: {
        allOf: [
          {
            $ref: '#/components/schemas/Workflow',
          },
          {
            type: 'object',
            properties: {
              tasks: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/Task',
                },
              },
              attempts: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/TaskAttempt',
                },
              },
              events: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/WorkflowEvent',
                },
              },
            },
            required: ['tasks', 'attempts', 'events'],
          },
        ],
      },
      DeadLetter: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          workflowId: {
            type: 'string',
          },
          taskId: {
            type: 'string',
          },
          taskKey: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          error: {
            type: 'string',
          },
          attempts: {
            type: 'integer',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          replayedAt: {
            type: 'string',
            format: 'date-time',
          },
          replayedBy: {
            type: 'string',
          },
        },
        required: [
          'id',
          'workflowId',
          'taskId',
          'taskKey',
          'type',
          'error',
          'attempts',
          'createdAt',
        ],
      },
      CreateWorkflowRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          definition: {
            type: 'string',
            minLength: 1,
            description: 'A registered workflow definition.',
          },
          goal: {
            type: 'string',
            minLength: 1,
            maxLength: 4000,
            description:
              'Free text to plan from (needs the LLM reasoning engine), instead of a definition.',
          },
          parameters: {
            $ref: '#/components/schemas/JsonObject',
          },
          entityRef: {
            type: 'string',
            minLength: 1,
            description: 'The catalog entity the workflow is about.',
          },
          idempotencyKey: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            description:
              'Creating twice with the same key returns the first workflow (200 instead of 201).',
          },
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
          },
        },
      },
    },
  },
  paths: {
    '/workflows': {
      post: {
        operationId: 'CreateWorkflow',
        description:
          'Plans a workflow from a definition (or a goal) and starts it.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateWorkflowRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'The workflow created earlier with the same idempotency key.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Workflow',
                },
              },
            },
          },
          '201': {
            description: 'Created.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Workflow',
                },
              },
            },
          },
          default: {
            description: 'An error (400 bad input, 403 not allowed).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
      get: {
        operationId: 'ListWorkflows',
        description: 'Workflows the caller may read, newest first.',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            explode: true,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/WorkflowStatus',
              },
            },
          },
          {
            name: 'definition',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'A page of workflows.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Workflow',
                      },
                    },
                    totalCount: {
                      type: 'integer',
                    },
                    offset: {
                      type: 'integer',
                    },
                    limit: {
                      type: 'integer',
                    },
                  },
                  required: ['items', 'totalCount', 'offset', 'limit'],
                },
              },
            },
          },
          default: {
            description: 'An error.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/workflows/{id}': {
      get: {
        operationId: 'GetWorkflow',
        description: 'A workflow with its tasks, attempts and events.',
        parameters: [
          {
            $ref: '#/components/parameters/workflowId',
          },
        ],
        responses: {
          '200': {
            description: 'The workflow.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WorkflowDetails',
                },
              },
            },
          },
          default: {
            description: 'An error (404 unknown or not readable).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/workflows/{id}/events': {
      get: {
        operationId: 'ListWorkflowEvents',
        description: "The workflow's events after a sequence number, in order.",
        parameters: [
          {
            $ref: '#/components/parameters/workflowId',
          },
          {
            name: 'afterSeq',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Events.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/WorkflowEvent',
                      },
                    },
                  },
                  required: ['items'],
                },
              },
            },
          },
          default: {
            description: 'An error.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/workflows/{id}/cancel': {
      post: {
        operationId: 'CancelWorkflow',
        description:
          'Stops unstarted tasks and tells running handlers to stop.',
        parameters: [
          {
            $ref: '#/components/parameters/workflowId',
          },
        ],
        responses: {
          '200': {
            description: 'The cancelled workflow.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Workflow',
                },
              },
            },
          },
          default: {
            description: 'An error (409 already finished).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/workflows/{id}/tasks/{taskId}/retry': {
      post: {
        operationId: 'RetryTask',
        description:
          'Puts a failed task back in the queue with a fresh budget of attempts.',
        parameters: [
          {
            $ref: '#/components/parameters/workflowId',
          },
          {
            name: 'taskId',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The workflow, running again.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Workflow',
                },
              },
            },
          },
          default: {
            description: 'An error (409 the task has not failed).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/dead-letters': {
      get: {
        operationId: 'ListDeadLetters',
        description: 'Tasks that ran out of attempts, newest first.',
        parameters: [
          {
            name: 'workflowId',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'includeReplayed',
            in: 'query',
            required: false,
            schema: {
              type: 'boolean',
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'A page of dead letters.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/DeadLetter',
                      },
                    },
                    totalCount: {
                      type: 'integer',
                    },
                    offset: {
                      type: 'integer',
                    },
                    limit: {
                      type: 'integer',
                    },
                  },
                  required: ['items', 'totalCount', 'offset', 'limit'],
                },
              },
            },
          },
          default: {
            description: 'An error.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/dead-letters/{id}/replay': {
      post: {
        operationId: 'ReplayDeadLetter',
        description: 'Replays a dead letter (retries its task).',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The workflow, running again.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Workflow',
                },
              },
            },
          },
          default: {
            description: 'An error.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/definitions': {
      get: {
        operationId: 'ListDefinitions',
        description:
          'Registered workflow definitions and task types, with their parameter schemas.',
        responses: {
          '200': {
            description: 'Definitions and task types.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    definitions: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/JsonObject',
                      },
                    },
                    taskTypes: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/JsonObject',
                      },
                    },
                  },
                  required: ['definitions', 'taskTypes'],
                },
              },
            },
          },
          default: {
            description: 'An error.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
