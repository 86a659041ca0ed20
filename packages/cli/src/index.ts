import { createProgram } from './program';

// `agentic … | head` closes the pipe early: that is not an error.
process.stdout.on('error', error => {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
  throw error;
});

createProgram()
  .parseAsync(process.argv)
  .catch(error => {
    process.stderr.write(`agentic: ${error?.message ?? error}\n`);
    process.exit(1);
  });
