import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import type { CallTelemetry } from './call-observer.js';
import { createCallTelemetry } from './call-telemetry.js';
import type { FetchWithTimeout, ResourceMethod } from './internal-types.js';
import { recordingMethod, reportingFetch } from './method-wrappers.js';
import type { StainlessSdk } from './stainless-sdk.js';
import type { GroqInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

type Prototype = Record<string, unknown>;

/**
 * The OpenTelemetry instrumentation of one Stainless-generated SDK (groq-sdk, openai): patches
 * the SDK when it is required (CJS) or imported (ESM, with the
 * `@opentelemetry/instrumentation/hook.mjs` loader), so that every Groq call of every client
 * produces a GenAI span and groqmeter's metrics.
 *
 * It wraps the resource methods on their prototypes (`Chat.Completions.prototype.create` and the
 * others of the SDK's method table) and the client class's `fetchWithTimeout`, the one method
 * each HTTP attempt goes through, retries included, to read every attempt's status and
 * rate-limit headers. `disable()` restores them all.
 */
export abstract class StainlessInstrumentation<
  Config extends GroqInstrumentationConfig,
> extends InstrumentationBase<Config> {
  private telemetry: CallTelemetry | undefined;
  private tracerProvider: TracerProvider | undefined;
  private meterProvider: MeterProvider | undefined;

  /**
   * The SDK this instrumentation patches. A getter rather than a constructor argument:
   * `InstrumentationBase`'s constructor calls `init()`, which reads it, before a subclass could
   * assign a field.
   */
  protected abstract get sdk(): StainlessSdk<Config>;

  /** @throws Error when `labelAttributes` or `seriesCap` is invalid. */
  constructor(config: Config) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
    this.telemetry = this.createTelemetry();
  }

  override setConfig(config: Config = {} as Config): void {
    super.setConfig(config);
    this.telemetry = undefined;
  }

  override setTracerProvider(tracerProvider: TracerProvider): void {
    super.setTracerProvider(tracerProvider);
    this.tracerProvider = tracerProvider;
    this.telemetry = undefined;
  }

  override setMeterProvider(meterProvider: MeterProvider): void {
    super.setMeterProvider(meterProvider);
    this.meterProvider = meterProvider;
    this.telemetry = undefined;
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      this.sdk.moduleName,
      [...this.sdk.versions],
      (moduleExports: unknown) => {
        this.patch(moduleExports);
        return moduleExports;
      },
      (moduleExports: unknown) => this.unpatch(moduleExports),
    );
  }

  /** The telemetry for the current config and providers (rebuilt after either changes). */
  private currentTelemetry(): CallTelemetry {
    this.telemetry ??= this.createTelemetry();
    return this.telemetry;
  }

  private createTelemetry(): CallTelemetry {
    const config = this.getConfig();
    return createCallTelemetry(
      config,
      { tracerProvider: this.tracerProvider, meterProvider: this.meterProvider },
      this.sdk.scope(config),
    );
  }

  private patch(moduleExports: unknown): void {
    const { moduleName, className } = this.sdk;
    const clientClass = clientClassOf(moduleExports, className);
    if (clientClass === undefined) {
      this._diag.warn(
        `${moduleName} loaded, but its exports have no ${className} class; nothing is instrumented`,
      );
      return;
    }
    for (const { classPath, method, observe } of this.sdk.methods) {
      const prototype = prototypeAt(clientClass, classPath);
      if (prototype === undefined || typeof prototype[method] !== 'function') {
        this._diag.debug(`${moduleName} has no ${classPath.join('.')}.prototype.${method}; not instrumented`);
        continue;
      }
      if (isWrapped(prototype[method])) this._unwrap(prototype, method);
      this._wrap(prototype, method, (original) =>
        recordingMethod(original as ResourceMethod, observe, () => this.currentTelemetry()),
      );
    }
    const clientPrototype = clientClass.prototype as Prototype;
    if (typeof clientPrototype.fetchWithTimeout === 'function') {
      if (isWrapped(clientPrototype.fetchWithTimeout)) this._unwrap(clientPrototype, 'fetchWithTimeout');
      this._wrap(clientPrototype, 'fetchWithTimeout', (original) =>
        reportingFetch(original as FetchWithTimeout),
      );
    }
  }

  private unpatch(moduleExports: unknown): void {
    const clientClass = clientClassOf(moduleExports, this.sdk.className);
    if (clientClass === undefined) return;
    for (const { classPath, method } of this.sdk.methods) {
      const prototype = prototypeAt(clientClass, classPath);
      if (prototype !== undefined && isWrapped(prototype[method])) this._unwrap(prototype, method);
    }
    const clientPrototype = clientClass.prototype as Prototype;
    if (isWrapped(clientPrototype.fetchWithTimeout)) this._unwrap(clientPrototype, 'fetchWithTimeout');
  }
}

type ClientClass = { prototype: unknown } & Record<string, unknown>;

/** The client class (`Groq`, `OpenAI`) of the SDK's CJS exports or ESM namespace. */
function clientClassOf(moduleExports: unknown, className: string): ClientClass | undefined {
  const exported = moduleExports as Record<string, unknown> | undefined;
  const candidate = exported?.[className] ?? exported?.default;
  return typeof candidate === 'function' ? (candidate as unknown as ClientClass) : undefined;
}

/** `Groq.Chat.Completions.prototype` and the like. */
function prototypeAt(clientClass: ClientClass, classPath: readonly string[]): Prototype | undefined {
  let current: unknown = clientClass;
  for (const key of classPath)
    current = typeof current === 'function' ? Reflect.get(current, key) : undefined;
  return typeof current === 'function'
    ? ((current as { prototype: Prototype }).prototype ?? undefined)
    : undefined;
}
