import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProxyConfig, ProxyConfigError } from './load-proxy-config.js';
import { DEFAULT_PROXY_CONFIG } from './proxy-config.js';

function configFile(contents: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'proxy-config-')), 'proxy.json');
  writeFileSync(path, JSON.stringify(contents));
  return path;
}

describe('loadProxyConfig', () => {
  it('defaults: loopback, port 8787, Groq upstream, no token, 32 MiB', () => {
    expect(loadProxyConfig([], {})).toEqual(DEFAULT_PROXY_CONFIG);
    expect(DEFAULT_PROXY_CONFIG).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      upstream: 'https://api.groq.com/openai/v1',
      maxBodyBytes: 33_554_432,
      keyLabel: false,
    });
  });

  it('takes flags over environment over config file', () => {
    const path = configFile({
      port: 1111,
      host: '0.0.0.0',
      seriesCap: 5,
      labelAttributes: ['feature', 'team'],
    });
    expect(
      loadProxyConfig(
        ['--config', path, '--port=2222', '--key-label', '--upstream', 'http://127.0.0.1:9/openai/v1/'],
        {
          GROQMETER_PROXY_PORT: '3333',
          GROQMETER_PROXY_HOST: '::1',
          GROQMETER_PROXY_TOKEN: 'tok',
          GROQMETER_LEDGER_DB: 'sqlite:ledger.db',
        },
      ),
    ).toEqual({
      ...DEFAULT_PROXY_CONFIG,
      port: 2222,
      host: '::1',
      upstream: 'http://127.0.0.1:9/openai/v1',
      keyLabel: true,
      proxyToken: 'tok',
      ledgerDb: 'sqlite:ledger.db',
      seriesCap: 5,
      labelAttributes: ['feature', 'team'],
    });
  });

  it('says what is wrong and where it came from', () => {
    expect(() => loadProxyConfig(['--port=70000'], {})).toThrow(
      new ProxyConfigError('--port: expected a port number from 0 to 65535, got "70000"'),
    );
    expect(() => loadProxyConfig([], { GROQMETER_PROXY_UPSTREAM: 'ftp://x' })).toThrow(
      'GROQMETER_PROXY_UPSTREAM: expected an http(s) base URL such as https://api.groq.com/openai/v1, got "ftp://x"',
    );
    expect(() => loadProxyConfig(['--nope'], {})).toThrow(/Run groqmeter-proxy --help/);
    expect(() => loadProxyConfig(['--config', configFile({ prot: 1 })], {})).toThrow(
      /unknown setting "prot"/,
    );
  });
});
