//
// Generated from src/schema/openapi.yaml by scripts/openapi/generate-router.js. Do not edit.
//
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'policy',
    version: '1',
    description:
      "The Policy agent: scans of Terraform, Kubernetes manifests, Dockerfiles and any file (hardcoded secrets) against the rules in policies/, stored per entity with their findings; waivers that an entity's owners approve; trends and a compliance report per framework, rule and owning team.",
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
      scanId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      waiverId: {
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
          minLength: 1,
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
      Severity: {
        type: 'string',
        enum: ['critical', 'high', 'medium', 'low'],
      },
      ScanTrigger: {
        type: 'string',
        enum: ['merge_request', 'scaffolder', 'workflow', 'api'],
      },
      Finding: {
        type: 'object',
        properties: {
          ruleId: {
            type: 'string',
          },
          severity: {
            $ref: '#/components/schemas/Severity',
          },
          file: {
            type: 'string',
            description: 'Relative to what was scanned.',
          },
          line: {
            type: 'integer',
            minimum: 0,
            description: '1-based; 0 when the file as a whole is meant.',
          },
          resource: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
          frameworks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          status: {
            type: 'string',
            enum: ['violated', 'unknown'],
            description:
              'unknown: whether the resource breaks the rule depends on a value that cannot be known before apply.',
          },
          detail: {
            type: 'string',
          },
        },
        required: [
          'ruleId',
          'severity',
          'file',
          'line',
          'resource',
          'message',
          'remediation',
          'frameworks',
          'status',
        ],
      },
      StoredFinding: {
        allOf: [
          {
            $ref: '#/components/schemas/Finding',
          },
          {
            type: 'object',
            properties: {
              waiverId: {
                type: 'string',
                description: 'The approved waiver that covers the finding.',
              },
            },
          },
        ],
      },
      ScanError: {
        type: 'object',
        properties: {
          file: {
            type: 'string',
          },
          error: {
            type: 'string',
          },
        },
        required: ['file', 'error'],
      },
      BySeverity: {
        type: 'object',
        properties: {
          critical: {
            type: 'integer',
          },
          high: {
            type: 'integer',
          },
          medium: {
            type: 'integer',
          },
          low: {
            type: 'integer',
          },
        },
        required: ['critical', 'high', 'medium', 'low'],
      },
      ScanSummary: {
        type: 'object',
        properties: {
          files: {
            type: 'integer',
          },
          resources: {
            type: 'integer',
          },
          findings: {
            type: 'integer',
          },
          bySeverity: {
            $ref: '#/components/schemas/BySeverity',
          },
          errors: {
            type: 'integer',
          },
        },
        required: ['files', 'resources', 'findings', 'bySeverity', 'errors'],
      },
      ScanReport: {
        type: 'object',
        description: 'What a scanner printed (`agentic policy scan --json`).',
        properties: {
          findings: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Finding',
            },
          },
          summary: {
            $ref: '#/components/schemas/ScanSummary',
          },
          errors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScanError',
            },
          },
        },
        required: ['findings', 'summary', 'errors'],
      },
      PolicyScan: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          trigger: {
            $ref: '#/components/schemas/ScanTrigger',
          },
          target: {
            type: 'string',
          },
          commitSha: {
            type: 'string',
          },
          mergeRequestUrl: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          summary: {
            allOf: [
              {
                $ref: '#/components/schemas/ScanSummary',
              },
            ],
            description: 'Counts the open (unwaived) findings.',
          },
          findings: {
            type: 'array',
            description:
              'Most severe first; waived ones kept, with their waiver.',
            items: {
              $ref: '#/components/schemas/StoredFinding',
            },
          },
          errors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScanError',
            },
          },
        },
        required: [
          'id',
          'trigger',
          'target',
          'createdAt',
          'summary',
          'findings',
          'errors',
        ],
      },
      PolicyScanPage: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PolicyScan',
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
      RecordScanRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          report: {
            $ref: '#/components/schemas/ScanReport',
          },
          entityRef: {
            type: 'string',
            minLength: 1,
          },
          trigger: {
            $ref: '#/components/schemas/ScanTrigger',
          },
          target: {
            type: 'string',
            minLength: 1,
            description:
              "What was scanned, e.g. a template's name or a folder.",
          },
          commitSha: {
            type: 'string',
            minLength: 1,
          },
        },
        required: ['report', 'trigger', 'target'],
      },
      RunScanRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            minLength: 1,
          },
        },
        required: ['entityRef'],
      },
      TrendPoint: {
        type: 'object',
        properties: {
          scanId: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          bySeverity: {
            allOf: [
              {
                $ref: '#/components/schemas/BySeverity',
              },
            ],
            description: 'Open findings.',
          },
          waived: {
            type: 'integer',
          },
        },
        required: ['scanId', 'createdAt', 'bySeverity', 'waived'],
      },
      WaiverStatus: {
        type: 'string',
        enum: ['pending', 'approved', 'rejected', 'expired'],
      },
      WaiverRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ruleId: {
            type: 'string',
            minLength: 1,
          },
          entityRef: {
            type: 'string',
            minLength: 1,
          },
          resourcePattern: {
            type: 'string',
            minLength: 1,
            description:
              "Which findings' resources it covers; `*` stands for any run of characters (`aws_s3_bucket.*`, `Deployment/web*`, `*`).",
          },
          reason: {
            type: 'string',
            minLength: 10,
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
            description: 'In the future, at most policy.waivers.maxDays ahead.',
          },
        },
        required: [
          'ruleId',
          'entityRef',
          'resourcePattern',
          'reason',
          'expiresAt',
        ],
      },
      Waiver: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          ruleId: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          resourcePattern: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            $ref: '#/components/schemas/WaiverStatus',
          },
          requestedBy: {
            type: 'string',
          },
          requestedAt: {
            type: 'string',
            format: 'date-time',
          },
          decidedBy: {
            type: 'string',
          },
          decidedAt: {
            type: 'string',
            format: 'date-time',
          },
          uses: {
            type: 'integer',
            description: 'How many stored findings it has covered.',
          },
        },
        required: [
          'id',
          'ruleId',
          'entityRef',
          'resourcePattern',
          'reason',
          'expiresAt',
          'status',
          'requestedBy',
          'requestedAt',
          'uses',
        ],
      },
      Decision: {
        type: 'object',
        additionalProperties: false,
        properties: {},
      },
      ComplianceReport: {
        type: 'object',
        properties: {
          generatedAt: {
            type: 'string',
            format: 'date-time',
          },
          frameworks: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                framework: {
                  type: 'string',
                },
                compliant: {
                  type: 'integer',
                },
                total: {
                  type: 'integer',
                },
              },
              required: ['framework', 'compliant', 'total'],
            },
          },
          rows: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                framework: {
                  type: 'string',
                },
                ruleId: {
                  type: 'string',
                },
                severity: {
                  $ref: '#/components/schemas/Severity',
                },
                owner: {
                  type: 'string',
                },
                entities: {
                  type: 'integer',
                },
                compliant: {
                  type: 'integer',
                },
                findings: {
                  type: 'integer',
                },
                waived: {
                  type: 'integer',
                },
              },
              required: [
                'framework',
                'ruleId',
                'severity',
                'owner',
                'entities',
                'compliant',
                'findings',
                'waived',
              ],
            },
          },
        },
        required: ['generatedAt', 'frameworks', 'rows'],
      },
    },
    responses: {
      ErrorResponse: {
        description:
          'An error (400 bad input, 403 not allowed, 404 unknown, 409 conflict).',
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
    '/scans': {
      get: {
        operationId: 'ListScans',
        description: 'Stored scans, newest first, with their findings.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'trigger',
            in: 'query',
            required: false,
            explode: true,
            description: 'Only scans of these triggers.',
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/ScanTrigger',
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
            description: 'A page of scans.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyScanPage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'RecordScan',
        description:
          "Records a scan made elsewhere (the scaffolder action), for the entity's trend and the compliance report; the entity's approved waivers are applied. Service principals, and users with agentic.policy.scan.",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RecordScanRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The stored scan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyScan',
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
    '/scans/run': {
      post: {
        operationId: 'RunScan',
        description:
          "Scans an entity's source now and stores the scan. The source must be a local folder (`backstage.io/source-location: file:…`, the embedded default); anything else is a 400 that says so.",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RunScanRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The stored scan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyScan',
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
    '/scans/{id}': {
      get: {
        operationId: 'GetScan',
        description: 'One stored scan with its findings.',
        parameters: [
          {
            $ref: '#/components/parameters/scanId',
          },
        ],
        responses: {
          '200': {
            description: 'The scan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyScan',
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
    '/trend': {
      get: {
        operationId: 'GetTrend',
        description:
          "Open findings per severity and waived findings of an entity's full scans (merge request scans left out), oldest first.",
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: true,
            allowReserved: true,
            schema: {
              type: 'string',
              minLength: 1,
            },
          },
        ],
        responses: {
          '200': {
            description: "The entity's trend.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    points: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/TrendPoint',
                      },
                    },
                  },
                  required: ['points'],
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
    '/waivers': {
      get: {
        operationId: 'ListWaivers',
        description:
          'Waivers, newest request first; past their expiry they read as expired.',
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
                $ref: '#/components/schemas/WaiverStatus',
              },
            },
          },
        ],
        responses: {
          '200': {
            description: 'The waivers.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Waiver',
                      },
                    },
                  },
                  required: ['items'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'RequestWaiver',
        description:
          "Asks for a waiver of a rule for an entity's matching resources. It applies only once an owner of the entity approves it.",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/WaiverRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The waiver, pending.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Waiver',
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
    '/waivers/{id}/approve': {
      post: {
        operationId: 'ApproveWaiver',
        description:
          "An owner of the waiver's entity approves it (also needs agentic.policy.waiver.approve). 403 for anyone else, 409 unless it is pending.",
        parameters: [
          {
            $ref: '#/components/parameters/waiverId',
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
            description: 'The waiver, approved.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Waiver',
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
    '/waivers/{id}/reject': {
      post: {
        operationId: 'RejectWaiver',
        description: "An owner of the waiver's entity rejects it.",
        parameters: [
          {
            $ref: '#/components/parameters/waiverId',
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
            description: 'The waiver, rejected.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Waiver',
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
    '/report': {
      get: {
        operationId: 'GetComplianceReport',
        description:
          'Per framework, rule and owning team, over the latest full scan of each entity: entities, compliant ones, open and waived findings.',
        responses: {
          '200': {
            description: 'The report.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ComplianceReport',
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
    '/report.csv': {
      get: {
        operationId: 'GetComplianceReportCsv',
        description:
          'The compliance report as CSV, one row per framework, rule and owner.',
        responses: {
          '200': {
            description: 'The report.',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
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
