#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `groqmeter-ledger: unexpected failure: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
