import { parseDemoOptions, USAGE, UsageError } from './demo-options.js';
import { runDemo } from './run-demo.js';

try {
  const options = parseDemoOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
  } else {
    process.exitCode = await runDemo(options);
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`groqmeter demo: ${error.message}\nRun with --help for the options.\n`);
  process.exitCode = 2;
}
