#!/usr/bin/env node
import { runGroqmeter } from './run-groqmeter.js';

runGroqmeter(process.argv.slice(2), process).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`groqmeter: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
