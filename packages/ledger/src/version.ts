/** The instrumentation scope of the ledger's own metric. */
export const LEDGER_SCOPE_NAME = '@groqmeter/ledger';
export const LEDGER_VERSION = '0.1.0';
