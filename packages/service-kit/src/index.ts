/**
 * @groqmeter/service-kit: what groqmeter's long-running commands (`groqmeter-proxy`,
 * `groqmeter-exporter`) share: setting value readers and the flags > environment > JSON file
 * loading, the command-line run (help, version, exit codes, graceful shutdown on signals), and the
 * JSON-lines logger with secret redaction. It depends on nothing but Node.
 */
export {
  type FailureStage,
  type RunningService,
  runServiceCli,
  type ServiceCli,
} from './cli/run-service-cli.js';
export {
  type ConfigFile,
  type ExtraFlag,
  type FlagValues,
  type LoadedSettings,
  loadSettings,
  type Setting,
  type SettingsSpec,
  type SettingTable,
} from './config/load-settings.js';
export {
  envValue,
  readBoolean,
  readHttpUrl,
  readLogLevel,
  readNonEmptyString,
  readPort,
  readPositiveInteger,
  readSeconds,
} from './config/value-readers.js';
export { createLogger, LOG_LEVELS, type LogFields, type Logger, type LogLevel } from './log/logger.js';
export { MAX_LOGGED_LENGTH, REDACTED, Redactor } from './log/redact.js';
