import { join } from 'node:path';
import { buildPackageIfStale } from '@groqmeter/recorder/testing';

/**
 * The child-process tests load the package the way users do, through its `dist/` exports: build it
 * first when it is missing or older than `src/` (on a fresh checkout, or after an edit).
 */
export default function buildOnce(): void {
  buildPackageIfStale(join(import.meta.dirname, '..'));
}
