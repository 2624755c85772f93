import { join } from 'node:path';
import { buildPackageIfStale } from '@groqmeter/recorder/testing';
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the PostgreSQL cluster every test file creates its databases on. */
    postgresUrl: string;
  }
}

/** Starts one throwaway PostgreSQL cluster for the run (installing PostgreSQL when missing) and stops it after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The CLI tests run `dist/cli.js` as users do.
  buildPackageIfStale(join(import.meta.dirname, '..'));
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return () => server.destroy();
}
