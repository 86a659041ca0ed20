//
// Generated from src/schema/openapi.yaml by scripts/openapi/generate-router.js. Do not edit.
//
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'remediation',
    version: '1',
    description:
      "The Remediation agent: failed CI jobs, their diagnosis (category, root cause, evidence), the fix the agent made or proposes, and owners' approvals of high-risk fixes. Logs are redacted before anything is kept.",
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
      remediationId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      entityRef: {
        name: 'entityRef',
        in: 'query',
        required: false,
        allowReserved: true,
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
      Category: {
        type: 'string',
        enum: [
          'missing_python_package',
          'missing_npm_package',
          'dependency_conflict',
          'missing_env_var',
          'invalid_config',
          'test_timeout',
          'flaky_test',
          'out_of_memory',
          'disk_full',
          'network_timeout',
          'compilation_error',
          'test_failure',
          'lint_failure',
          'unknown',
        ],
      },
      RiskLevel: {
        type: 'string',
        enum: ['low', 'medium', 'high'],
      },
      RemediationStatus: {
        type: 'string',
        enum: [
          'received',
          'diagnosing',
          'not_fixable',
          'awaiting_approval',
          'rejected',
          'fixing',
          'verifying',
          'fixed',
          'failed',
          'gave_up',
        ],
      },
      EvidenceLine: {
        type: 'object',
        properties: {
          line: {
            type: 'integer',
            minimum: 1,
          },
          text: {
            type: 'string',
          },
        },
        required: ['line', 'text'],
      },
      Diagnosis: {
        type: 'object',
        properties: {
          category: {
            $ref: '#/components/schemas/Category',
          },
          playbookId: {
            type: ['string', 'null'],
          },
          rootCause: {
            type: 'string',
          },
          evidence: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EvidenceLine',
            },
          },
          riskLevel: {
            $ref: '#/components/schemas/RiskLevel',
          },
          confidence: {
            type: 'number',
            minimum: 0,
            maximum: 1,
          },
          autoFixable: {
            type: 'boolean',
          },
          fix: {
            type: 'object',
            properties: {
              summary: {
                type: 'string',
              },
              steps: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    type: {
                      type: 'string',
                    },
                    with: {
                      type: 'object',
                      additionalProperties: {},
                    },
                    description: {
                      type: 'string',
                    },
                  },
                  required: ['type', 'with', 'description'],
                },
              },
            },
            required: ['summary', 'steps'],
          },
          source: {
            type: 'string',
            enum: ['rules', 'llm', 'none'],
          },
          facts: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
        },
        required: [
          'category',
          'playbookId',
          'rootCause',
          'evidence',
          'riskLevel',
          'confidence',
          'autoFixable',
          'source',
        ],
      },
      Remediation: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          source: {
            type: 'string',
            enum: ['gitlab', 'local'],
          },
          project: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          ref: {
            type: 'string',
          },
          commitSha: {
            type: 'string',
          },
          pipelineId: {
            type: 'string',
          },
          pipelineUrl: {
            type: 'string',
          },
          jobId: {
            type: 'string',
          },
          jobName: {
            type: 'string',
          },
          jobUrl: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/RemediationStatus',
          },
          diagnosis: {
            $ref: '#/components/schemas/Diagnosis',
          },
          fingerprint: {
            type: 'string',
          },
          attempt: {
            type: 'integer',
          },
          maxAttempts: {
            type: 'integer',
          },
          branch: {
            type: 'string',
          },
          mergeRequestUrl: {
            type: 'string',
          },
          verifyPipelineId: {
            type: 'string',
          },
          verifyPipelineUrl: {
            type: 'string',
          },
          approval: {
            type: 'object',
            properties: {
              decision: {
                type: 'string',
                enum: ['approved', 'rejected'],
              },
              by: {
                type: 'string',
              },
              at: {
                type: 'string',
                format: 'date-time',
              },
              comment: {
                type: 'string',
              },
            },
            required: ['decision', 'by', 'at'],
          },
          workflowIds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          summary: {
            type: 'string',
          },
          error: {
            type: 'string',
          },
          failedAt: {
            type: 'string',
            format: 'date-time',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          resolvedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'source',
          'project',
          'ref',
          'pipelineId',
          'jobId',
          'jobName',
          'status',
          'attempt',
          'maxAttempts',
          'workflowIds',
          'failedAt',
          'createdAt',
          'updatedAt',
        ],
      },
      RemediationPage: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Remediation',
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
      Decision: {
        type: 'object',
        properties: {
          comment: {
            type: 'string',
            maxLength: 2000,
          },
        },
        additionalProperties: false,
      },
      Stats: {
        type: 'object',
        properties: {
          total: {
            type: 'integer',
          },
          successRate: {
            type: ['number', 'null'],
          },
          mttrSeconds: {
            type: ['number', 'null'],
          },
          byStatus: {
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
          topCauses: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                category: {
                  type: 'string',
                },
                count: {
                  type: 'integer',
                },
              },
              required: ['category', 'count'],
            },
          },
        },
        required: [
          'total',
          'successRate',
          'mttrSeconds',
          'byStatus',
          'topCauses',
        ],
      },
      LocalRunRequest: {
        type: 'object',
        properties: {
          repoDir: {
            type: 'string',
            minLength: 1,
          },
          ref: {
            type: 'string',
            minLength: 1,
          },
          entityRef: {
            type: 'string',
            minLength: 1,
          },
        },
        required: ['repoDir'],
        additionalProperties: false,
      },
      LocalRunResult: {
        type: 'object',
        properties: {
          pipeline: {
            type: 'object',
            properties: {
              id: {
                type: 'string',
              },
              status: {
                type: 'string',
              },
              ref: {
                type: 'string',
              },
            },
            required: ['id', 'status', 'ref'],
          },
          remediations: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Remediation',
            },
          },
        },
        required: ['pipeline', 'remediations'],
      },
    },
    responses: {
      ErrorResponse: {
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
  paths: {
    '/remediations': {
      get: {
        operationId: 'ListRemediations',
        description: 'Remediations the caller may read, latest failure first.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            explode: true,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/RemediationStatus',
              },
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
            description: 'A page of remediations.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RemediationPage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/remediations/{id}': {
      get: {
        operationId: 'GetRemediation',
        description: 'One remediation.',
        parameters: [
          {
            $ref: '#/components/parameters/remediationId',
          },
        ],
        responses: {
          '200': {
            description: 'The remediation.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Remediation',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/remediations/{id}/log': {
      get: {
        operationId: 'GetRemediationLog',
        description:
          "The end of the failed job's log, redacted, as the agent kept it.",
        parameters: [
          {
            $ref: '#/components/parameters/remediationId',
          },
        ],
        responses: {
          '200': {
            description: 'Numbered log lines.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    lines: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/EvidenceLine',
                      },
                    },
                  },
                  required: ['lines'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/remediations/{id}/approve': {
      post: {
        operationId: 'ApproveRemediation',
        description:
          'An owner of the failing entity approves a high-risk fix; the agent applies it. 403 for anyone else, 409 unless it awaits approval.',
        parameters: [
          {
            $ref: '#/components/parameters/remediationId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/Decision',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The remediation, now fixing.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Remediation',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/remediations/{id}/reject': {
      post: {
        operationId: 'RejectRemediation',
        description: 'An owner of the failing entity rejects a high-risk fix.',
        parameters: [
          {
            $ref: '#/components/parameters/remediationId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/Decision',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The remediation, now rejected.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Remediation',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/stats': {
      get: {
        operationId: 'GetRemediationStats',
        description:
          'Success rate, mean time from failure to green (MTTR) and the most common causes, over the remediations the caller may read.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The figures.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Stats',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/analyze': {
      post: {
        operationId: 'AnalyzeLog',
        description:
          "Diagnoses a job log sent as the request body (text/plain, streamed, any size) with the portal's playbooks and reasoning service. Nothing is stored.",
        requestBody: {
          required: true,
          content: {
            'text/plain': {},
          },
        },
        responses: {
          '200': {
            description: 'The diagnosis.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Diagnosis',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/local/runs': {
      post: {
        operationId: 'StartLocalRun',
        description:
          "Runs a local repository's pipeline with the local runner (the embedded default) and starts a remediation for each failed job.",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/LocalRunRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The pipeline and the remediations it started.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LocalRunResult',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
