/** Writes the dashboards and alert rules: `pnpm --filter @groqmeter/grafana generate`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-files.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const file of generatedFiles()) {
  const target = join(packageDir, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  console.log(`wrote ${file.path}`);
}
