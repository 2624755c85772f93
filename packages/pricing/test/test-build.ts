import { join } from 'node:path';

/** The package root. */
export const packageDir = join(import.meta.dirname, '..');

/**
 * A private build of the package for the tests, staged like the published package. The tests never
 * rebuild dist/ itself, which other packages' tests import while they run in parallel.
 */
export const testBuildDir = join(packageDir, 'node_modules', '.test-build');

/** The built `groqmeter-price` bin of the test build. */
export const testCli = join(testBuildDir, 'dist', 'cli.js');
