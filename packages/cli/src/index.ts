import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch(error => {
    process.stderr.write(`agentic: ${error?.message ?? error}\n`);
    process.exit(1);
  });
