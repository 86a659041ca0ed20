import { TemplateExample } from '@backstage/plugin-scaffolder-node';

// Literal YAML, as a template author writes it.
export const examples: TemplateExample[] = [
  {
    description:
      "Start the scaffold.service workflow for the new service, following this run's steps; the step waits until the workflow has checked the request, and a later agentic:workflow:wait step follows it to its end",
    example: `steps:
  - id: workflow
    name: Start the service's workflow
    action: agentic:workflow:create
    input:
      definition: scaffold.service
      entityRef: component:default/\${{ parameters.name }}
      passTemplateRun: true
      waitForTasks: [validate]
      parameters:
        name: \${{ parameters.name }}
        owner: \${{ parameters.owner }}
        language: \${{ parameters.language }}
        database: \${{ parameters.database }}
`,
  },
  {
    description:
      "Run a workflow for an existing entity and wait up to 5 minutes, its progress in the task log; the step fails with the failing task's error",
    example: `steps:
  - id: check
    name: Check the entity
    action: agentic:workflow:create
    input:
      definition: catalog.entity-check
      entityRef: \${{ parameters.entityRef }}
      timeoutMinutes: 5
output:
  links:
    - title: Workflow
      url: \${{ steps.check.output.link }}
`,
  },
];
