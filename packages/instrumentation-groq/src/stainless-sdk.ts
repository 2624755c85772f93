import type { TelemetryScope } from './call-telemetry.js';
import type { InstrumentedMethod } from './operations.js';

/** What differs between the Stainless-generated SDKs this package instruments. */
export interface StainlessSdk<Config> {
  /** The npm package name patched on require/import. */
  moduleName: string;
  /** The package versions patched. */
  versions: readonly string[];
  /** The client class among the package's exports (`Groq`, `OpenAI`). */
  className: string;
  /** The resource methods recorded. */
  methods: readonly InstrumentedMethod[];
  /** The source and the Groq-client test for a configuration. */
  scope(config: Config): TelemetryScope;
}
