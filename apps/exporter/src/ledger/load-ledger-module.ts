import { ExporterConfigError } from '../config/load-exporter-config.js';

/** The package that holds the usage ledger and its SQLite and PostgreSQL drivers. */
const LEDGER_PACKAGE = '@groqmeter/ledger';

/**
 * Loads `@groqmeter/ledger`, an optional peer dependency of the exporter: only a ledger user
 * installs it (and with it the native SQLite driver and `pg`), and it is imported only when
 * `--ledger-db` is set.
 *
 * @throws {ExporterConfigError} naming the package to install when it is not installed.
 */
export async function loadLedgerModule(): Promise<typeof import('@groqmeter/ledger')> {
  try {
    return await import('@groqmeter/ledger');
  } catch (error) {
    if (!isMissing(error, LEDGER_PACKAGE)) throw error;
    throw new ExporterConfigError(
      `--ledger-db needs the package ${LEDGER_PACKAGE}, which is not installed; ` +
        `install it next to @groqmeter/exporter: npm install ${LEDGER_PACKAGE}`,
    );
  }
}

/**
 * Whether `error` says that `specifier` itself cannot be found (ESM or CommonJS), as opposed to
 * a module that the package imports in turn, whose own message must reach the user unchanged.
 */
function isMissing(error: unknown, specifier: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${specifier}'`)
  );
}
