import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, type SettingsSpec } from './load-settings.js';
import { readBoolean, readNonEmptyString, readPort } from './value-readers.js';

class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError';
}

interface DemoConfig {
  port: number;
  host: string;
  verbose: boolean;
  dataFile?: string;
}

const SPEC: SettingsSpec<DemoConfig> = {
  program: 'demo-service',
  settings: {
    port: { flag: 'port', env: 'DEMO_PORT', read: readPort },
    host: { flag: 'host', env: 'DEMO_HOST', read: readNonEmptyString },
    verbose: { flag: 'verbose', env: 'DEMO_VERBOSE', boolean: true, read: readBoolean },
    dataFile: { flag: 'data-file', env: 'DEMO_DATA_FILE', read: readNonEmptyString },
  },
  configEnv: 'DEMO_CONFIG',
  extraFlags: { tag: { type: 'string', multiple: true } },
  extraFileKeys: ['tags'],
  configError: DemoConfigError,
};

function configFile(contents: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'service-kit-config-')), 'demo.json');
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

describe('loadSettings', () => {
  it('finds nothing when nothing is given', () => {
    expect(loadSettings(SPEC, [], {})).toEqual({
      values: {},
      fromFile: new Set(),
      flags: {},
      file: { values: {} },
    });
  });

  it('takes flags over environment over config file, and says which came from the file', () => {
    const path = configFile({ port: 1111, host: 'file-host', dataFile: 'data.json', tags: ['a'] });
    const loaded = loadSettings(SPEC, ['--config', path, '--port=2222', '--verbose', '--tag', 'x'], {
      DEMO_PORT: '3333',
      DEMO_HOST: 'env-host',
      DEMO_DATA_FILE: ' ',
    });
    expect(loaded.values).toEqual({ port: 2222, host: 'env-host', verbose: true, dataFile: 'data.json' });
    expect(loaded.fromFile).toEqual(new Set(['dataFile']));
    expect(loaded.flags.tag).toEqual(['x']);
    expect(loaded.file).toEqual({
      path,
      values: { port: 1111, host: 'file-host', dataFile: 'data.json', tags: ['a'] },
    });
  });

  it('reads the config file named by the environment', () => {
    const path = configFile({ verbose: true });
    expect(loadSettings(SPEC, [], { DEMO_CONFIG: path }).values).toEqual({ verbose: true });
  });

  it("throws the service's error, naming the setting's source and what was expected", () => {
    const path = configFile({ verbose: 'maybe' });
    const cases: [string[], Record<string, string>, string][] = [
      [['--port', '70000'], {}, '--port: expected a port number from 0 to 65535, got "70000"'],
      [[], { DEMO_HOST: '', DEMO_PORT: 'x' }, 'DEMO_PORT: expected a port number from 0 to 65535, got "x"'],
      [['--config', path], {}, `"verbose" in ${path}: expected true or false, got "maybe"`],
      [['--prot', '1'], {}, "Unknown option '--prot'. Run demo-service --help for the list of flags."],
      [
        ['--verbose=yes'],
        {},
        "Option '--verbose' does not take an argument. Run demo-service --help for the list of flags.",
      ],
    ];
    for (const [argv, env, message] of cases) {
      expect(() => loadSettings(SPEC, argv, env)).toThrow(new DemoConfigError(message));
      expect(() => loadSettings(SPEC, argv, env)).toThrow(DemoConfigError);
    }
  });

  it('refuses an unreadable file, one that is not JSON, not an object, or has unknown keys', () => {
    const refused: [string, string][] = [
      [
        '/nonexistent/demo.json',
        'cannot read the config file /nonexistent/demo.json (ENOENT); check the path given to --config or DEMO_CONFIG',
      ],
      [configFile('{ nope'), 'is not valid JSON: '],
      [configFile([1]), 'must hold a JSON object of settings'],
      [
        configFile({ prot: 1 }),
        'has unknown setting "prot"; known settings are port, host, verbose, dataFile, tags',
      ],
    ];
    for (const [path, message] of refused) {
      expect(() => loadSettings(SPEC, ['--config', path], {})).toThrow(DemoConfigError);
      expect(() => loadSettings(SPEC, ['--config', path], {})).toThrow(message);
    }
  });
});
