import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from './generated-files.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('committed dashboards and rules', () => {
  it('are the seven dashboards, the rule file and its runbooks', () => {
    expect(generatedFiles().map((file) => file.path)).toEqual([
      'dashboards/overview.json',
      'dashboards/spend.json',
      'dashboards/migration.json',
      'dashboards/ratelimits.json',
      'dashboards/latency.json',
      'dashboards/audio-tools.json',
      'dashboards/ledger.json',
      'prometheus/rules/groqmeter.rules.yml',
      'prometheus/runbooks.md',
    ]);
  });

  for (const file of generatedFiles()) {
    it(`${file.path} matches its TypeScript source`, () => {
      const committed = readFileSync(join(packageDir, file.path), 'utf8');
      expect(
        committed,
        `grafana/${file.path} is out of date with grafana/src: run \`pnpm --filter @groqmeter/grafana generate\` and commit the result`,
      ).toBe(file.content);
    });
  }
});
