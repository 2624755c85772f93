import { join } from 'node:path';
import { runReadmeExample } from '@groqmeter/recorder/testing';
import { expect, it } from 'vitest';
import * as serviceKit from '../src/index.js';

it("the README example runs as written and prints the README's output", async () => {
  const { printed, expected } = await runReadmeExample({
    readmePath: join(import.meta.dirname, '..', 'README.md'),
    modules: { '@groqmeter/service-kit': serviceKit },
  });
  expect(printed).toEqual(expected);
});
