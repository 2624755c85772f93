import packageJson from '../package.json';

/** The meter scope of the proxy's own metrics. */
export const PROXY_SCOPE_NAME = '@groqmeter/proxy';
export const PROXY_VERSION: string = packageJson.version;
