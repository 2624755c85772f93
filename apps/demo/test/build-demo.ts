import { fileURLToPath } from 'node:url';
import { buildPackageIfStale } from '@groqmeter/recorder/testing';

/** The CLI tests run the built dist/cli.js, as `pnpm start` does: build it when missing or older than src/. */
export default function buildDemo(): void {
  buildPackageIfStale(fileURLToPath(new URL('..', import.meta.url)));
}
