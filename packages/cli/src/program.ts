import { Command } from 'commander';
import { registerConfigCommands } from './commands/config';
import { registerDoctorCommand } from './commands/doctor';
import { registerPolicyCommands } from './commands/policy';
import { registerRemediateCommands } from './commands/remediate';
import { registerWorkflowCommands } from './commands/workflows';

/** The `agentic` command line; each command group registers itself. */
export function createProgram(): Command {
  const program = new Command('agentic')
    .description(
      'Agentic DevOps for Backstage: command-line tools for the portal and its agents.',
    )
    .showHelpAfterError()
    .version(require('../package.json').version);

  registerDoctorCommand(program);
  registerConfigCommands(program);
  registerWorkflowCommands(program);
  registerRemediateCommands(program);
  registerPolicyCommands(program);
  return program;
}
