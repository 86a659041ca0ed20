import { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'Follow the workflow an earlier step started (wait: false) once the service is registered, until it finishes',
    example: `steps:
  - id: workflow
    action: agentic:workflow:create
    input:
      definition: scaffold.service
      wait: false
      parameters:
        name: \${{ parameters.name }}
        owner: \${{ parameters.owner }}
        language: \${{ parameters.language }}
        database: \${{ parameters.database }}
  # … publish and catalog:register …
  - id: finish
    name: Wait for the workflow
    action: agentic:workflow:wait
    input:
      workflowId: \${{ steps.workflow.output.workflowId }}
      timeoutMinutes: 5
`,
  },
];
