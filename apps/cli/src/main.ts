import { runCli } from './program';

// Pipes and files are written synchronously on Linux, so exiting at once loses no output.
runCli(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr })
  .then((code) => process.exit(code))
  .catch(() => process.exit(1));
