import packageJson from '../package.json';

/** This package's version, as `groqmeter --version` prints it. */
export const VERSION: string = packageJson.version;
