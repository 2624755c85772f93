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
import { INSTRUMENTED_METHODS } from './operations.js';
import type { GroqInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION, SUPPORTED_GROQ_SDK_VERSIONS } from './version.js';

type Prototype = Record<string, unknown>;

/**
 * OpenTelemetry instrumentation for `groq-sdk` (>= 0.27.0 < 2): patches the SDK when it is
 * required (CJS) or imported (ESM, with the `@opentelemetry/instrumentation/hook.mjs` loader), so
 * that every call of every `Groq` client produces a GenAI span and groqmeter's metrics.
 *
 * It wraps the resource methods on their prototypes (`Chat.Completions.prototype.create`, the
 * audio, embeddings, batches and models methods) and `Groq.prototype.fetchWithTimeout`, the one
 * method each HTTP attempt goes through, retries included, to read every attempt's status and
 * rate-limit headers. `disable()` restores them all.
 *
 * @example
 * registerInstrumentations({ instrumentations: [new GroqInstrumentation()] });
 */
export class GroqInstrumentation extends InstrumentationBase<GroqInstrumentationConfig> {
  private telemetry: CallTelemetry | undefined;
  private tracerProvider: TracerProvider | undefined;
  private meterProvider: MeterProvider | undefined;

  /** @throws Error when `labelAttributes` or `seriesCap` is invalid. */
  constructor(config: GroqInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
    this.telemetry = this.createTelemetry();
  }

  override setConfig(config: GroqInstrumentationConfig = {}): void {
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
      'groq-sdk',
      SUPPORTED_GROQ_SDK_VERSIONS,
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
    return createCallTelemetry(this.getConfig(), {
      tracerProvider: this.tracerProvider,
      meterProvider: this.meterProvider,
    });
  }

  private patch(moduleExports: unknown): void {
    const groq = groqClassOf(moduleExports);
    if (groq === undefined) {
      this._diag.warn('groq-sdk loaded, but its exports have no Groq class; nothing is instrumented');
      return;
    }
    for (const { classPath, method, describe } of INSTRUMENTED_METHODS) {
      const prototype = prototypeAt(groq, classPath);
      if (prototype === undefined || typeof prototype[method] !== 'function') {
        this._diag.debug(`groq-sdk has no ${classPath.join('.')}.prototype.${method}; not instrumented`);
        continue;
      }
      if (isWrapped(prototype[method])) this._unwrap(prototype, method);
      this._wrap(prototype, method, (original) =>
        recordingMethod(original as ResourceMethod, describe, () => this.currentTelemetry()),
      );
    }
    const clientPrototype = groq.prototype as Prototype;
    if (typeof clientPrototype.fetchWithTimeout === 'function') {
      if (isWrapped(clientPrototype.fetchWithTimeout)) this._unwrap(clientPrototype, 'fetchWithTimeout');
      this._wrap(clientPrototype, 'fetchWithTimeout', (original) =>
        reportingFetch(original as FetchWithTimeout),
      );
    }
  }

  private unpatch(moduleExports: unknown): void {
    const groq = groqClassOf(moduleExports);
    if (groq === undefined) return;
    for (const { classPath, method } of INSTRUMENTED_METHODS) {
      const prototype = prototypeAt(groq, classPath);
      if (prototype !== undefined && isWrapped(prototype[method])) this._unwrap(prototype, method);
    }
    const clientPrototype = groq.prototype as Prototype;
    if (isWrapped(clientPrototype.fetchWithTimeout)) this._unwrap(clientPrototype, 'fetchWithTimeout');
  }
}

type GroqClass = { prototype: unknown } & Record<string, unknown>;

/** The `Groq` class of groq-sdk's CJS exports or ESM namespace. */
function groqClassOf(moduleExports: unknown): GroqClass | undefined {
  const exported = moduleExports as Record<string, unknown> | undefined;
  const candidate = exported?.Groq ?? exported?.default;
  return typeof candidate === 'function' ? (candidate as unknown as GroqClass) : undefined;
}

/** `Groq.Chat.Completions.prototype` and the like. */
function prototypeAt(groq: GroqClass, classPath: readonly string[]): Prototype | undefined {
  let current: unknown = groq;
  for (const key of classPath)
    current = typeof current === 'function' ? Reflect.get(current, key) : undefined;
  return typeof current === 'function'
    ? ((current as { prototype: Prototype }).prototype ?? undefined)
    : undefined;
}
