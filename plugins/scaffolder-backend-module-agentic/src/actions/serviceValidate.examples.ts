import { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'Refuse a bad request before anything is written: a name that is not kebab-case or already in the catalog, an unknown language or database, an owner not in the catalog',
    example: `steps:
  - id: validate
    name: Check the request
    action: agentic:service:validate
    input:
      name: \${{ parameters.name }}
      owner: \${{ parameters.owner }}
      language: \${{ parameters.language }}
      database: \${{ parameters.database }}
      apiType: \${{ parameters.apiType }}
`,
  },
  {
    description:
      'Publishing to GitLab: the local repositories folder is not checked',
    example: `steps:
  - id: validate
    action: agentic:service:validate
    input:
      name: orders-api
      owner: group:default/payments-team
      language: go
      database: dynamodb
      publish: gitlab
`,
  },
];
