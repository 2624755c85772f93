import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { envValue } from './value-readers.js';

/** One setting of a service: its flag and environment variable (its config-file key is its key in the table). */
export interface Setting<T> {
  /** The command-line flag without `--` (`max-body-bytes`). */
  flag: string;
  /** The environment variable (`GROQMETER_PROXY_MAX_BODY_BYTES`). */
  env: string;
  /** Whether the flag takes no value (`--reprice`); the variable and the file still take true or false. */
  boolean?: true;
  /** Returns the value, or throws an Error saying what is expected (see the value readers). */
  read(value: unknown): T;
}

/** Every setting of a configuration `C` read from flags, environment and file, by config-file key. */
export type SettingTable<C> = { readonly [K in keyof C]?: Setting<C[K]> };

/** A flag that is not a setting of the table, which the caller reads from {@link LoadedSettings.flags}. */
export interface ExtraFlag {
  type: 'string' | 'boolean';
  /** Repeatable: the values come as a list (`--budget A --budget B`). */
  multiple?: boolean;
}

/** What {@link loadSettings} needs to know of a service. */
export interface SettingsSpec<C> {
  /** The command, named in the unknown-flag message (`Run groqmeter-proxy --help …`). */
  program: string;
  /** The settings, in the order they are read: the first wrong value is the one reported. */
  settings: SettingTable<C>;
  /** The environment variable naming the JSON config file, as `--config FILE` does. */
  configEnv: string;
  /** Flags read by the caller (`--budget`), by name without `--`. */
  extraFlags?: Readonly<Record<string, ExtraFlag>>;
  /** Config-file keys read by the caller (`budgets`), listed after the settings' own as known keys. */
  extraFileKeys?: readonly string[];
  /** The service's error class, thrown for every problem with a message naming the setting and its source. */
  configError: new (
    message: string,
  ) => Error;
}

/** The values of the parsed flags, by flag name without `--`. */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** The JSON config file, when one was named. */
export interface ConfigFile {
  /** Its path as given; undefined when no file was named. */
  path?: string;
  /** Its settings (an empty object without a file). */
  values: Record<string, unknown>;
}

/** The settings found, and what the caller needs to read its own flags and keys. */
export interface LoadedSettings<C> {
  /** Each setting given by a flag, the environment or the file (in that order of precedence), read. */
  values: Partial<C>;
  /** The settings whose value came from the config file (a path there is relative to the file). */
  fromFile: ReadonlySet<keyof C>;
  flags: FlagValues;
  file: ConfigFile;
}

const CONFIG_FLAG = 'config';

/**
 * Reads a service's settings from command-line flags, environment variables and a JSON config file
 * (`--config FILE` or `spec.configEnv`), in that order of precedence. Empty or blank environment
 * variables count as unset. The caller lays the values over its defaults.
 *
 * @param argv the arguments after the program name (`process.argv.slice(2)`).
 * @param env the environment (`process.env`).
 * @throws {spec.configError} for an unknown flag or config key, an unreadable file, or a value of
 *   the wrong form: `--port: expected a port number from 0 to 65535, got "70000"`.
 */
export function loadSettings<C>(
  spec: SettingsSpec<C>,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): LoadedSettings<C> {
  const flags = parseFlags(spec, argv);
  const configFlag = flags[CONFIG_FLAG];
  const configPath = typeof configFlag === 'string' ? configFlag : envValue(env, spec.configEnv);
  const file: ConfigFile = configPath === undefined ? { values: {} } : readConfigFile(spec, configPath);
  const values: Partial<C> = {};
  const fromFile = new Set<keyof C>();
  for (const [key, setting] of Object.entries(spec.settings) as [keyof C & string, Setting<unknown>][]) {
    const sources: [unknown, string][] = [
      [flags[setting.flag], `--${setting.flag}`],
      [envValue(env, setting.env), setting.env],
      [file.values[key], `"${key}" in ${file.path}`],
    ];
    const found = sources.findIndex(([value]) => value !== undefined);
    if (found === -1) continue;
    const [value, source] = sources[found] as [unknown, string];
    try {
      values[key] = setting.read(value) as C[typeof key];
    } catch (error) {
      throw new spec.configError(`${source}: ${(error as Error).message}`);
    }
    if (found === 2) fromFile.add(key);
  }
  return { values, fromFile, flags, file };
}

function parseFlags<C>(spec: SettingsSpec<C>, argv: readonly string[]): FlagValues {
  const options: Record<string, ExtraFlag> = { [CONFIG_FLAG]: { type: 'string' }, ...spec.extraFlags };
  for (const setting of Object.values(spec.settings) as Setting<unknown>[]) {
    options[setting.flag] = { type: setting.boolean ? 'boolean' : 'string' };
  }
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false })
      .values as FlagValues;
  } catch (error) {
    throw new spec.configError(
      `${(error as Error).message}. Run ${spec.program} --help for the list of flags.`,
    );
  }
}

function readConfigFile<C>(spec: SettingsSpec<C>, path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new spec.configError(
      `cannot read the config file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path given to --config or ${spec.configEnv}`,
    );
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new spec.configError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new spec.configError(`the config file ${path} must hold a JSON object of settings`);
  }
  const known = [...Object.keys(spec.settings), ...(spec.extraFileKeys ?? [])];
  const unknown = Object.keys(values).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new spec.configError(
      `the config file ${path} has unknown setting ${unknown.map((key) => JSON.stringify(key)).join(', ')}; known settings are ${known.join(', ')}`,
    );
  }
  return { path, values: values as Record<string, unknown> };
}
