import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json';

const BIN = join(import.meta.dirname, '..', 'bin', 'groqmeter-proxy.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('groqmeter-proxy', () => {
  it('--help lists every flag with its environment variable; --version prints the version', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const flag of [
      '--port PORT',
      '--host HOST',
      '--upstream URL',
      '--proxy-token',
      '--key-label',
      '--ledger-db',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('[GROQMETER_PROXY_PORT]');
    expect(run('--version').stdout).toBe(`${packageJson.version}\n`);
  });

  it('refuses a wrong setting with what was expected, exit code 2', () => {
    const wrong = run('--port=70000');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe(
      'groqmeter-proxy: --port: expected a port number from 0 to 65535, got "70000"\n',
    );
    expect(run('--ledger-db', 'postgres://nobody@127.0.0.1:9/none', '--port', '0').status).toBe(2);
  });
});
