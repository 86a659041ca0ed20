import { TemplateExample } from '@backstage/plugin-scaffolder-node';

// Literal YAML (as a template author writes it) rather than yaml.stringify,
// which would need the yaml package only for this.
export const examples: TemplateExample[] = [
  {
    description:
      'Fail the run on critical or high findings in the generated files',
    example: `steps:
  - id: policy
    name: Check policies
    action: agentic:policy:check
`,
  },
  {
    description:
      'Check only the Terraform folder, fail on medium or worse, and record the scan for the new component',
    example: `steps:
  - id: policy
    name: Check the infrastructure code
    action: agentic:policy:check
    input:
      path: ./infra
      failOn: medium
      entityRef: component:default/\${{ parameters.name }}
`,
  },
  {
    description:
      'Report the number of findings in the output, failing only on critical ones',
    example: `steps:
  - id: policy
    name: Check policies
    action: agentic:policy:check
    input:
      failOn: critical
output:
  text:
    - title: Policy findings
      content: \${{ steps.policy.output.findings }} findings (\${{ steps.policy.output.bySeverity.high }} high)
`,
  },
];
