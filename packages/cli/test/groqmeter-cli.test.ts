/**
 * The `groqmeter` bin as a person runs it: a child process, dispatching to the tools' own bins in
 * this workspace (each tool package is a dependency or a dev dependency here).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../src/tools.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'groqmeter.js');
const require = createRequire(import.meta.url);

function groqmeter(...args: string[]) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

function versionOf(packageName: string): string {
  return (
    JSON.parse(readFileSync(require.resolve(`${packageName}/package.json`), 'utf8')) as { version: string }
  ).version;
}

describe('groqmeter', () => {
  it('lists every command with its bin on --help', () => {
    const { status, stdout } = groqmeter('--help');
    expect(status).toBe(0);
    expect(stdout.split('\n').filter((line) => /^ {2}[a-z]/.test(line))).toEqual([
      '  price      price a Groq call from its usage, or list the price catalogue (groqmeter-price)',
      '  exporter   receive OTLP from instrumented apps and serve Prometheus /metrics (groqmeter-exporter)',
      '  proxy      an OpenAI-compatible pass-through proxy that meters every Groq call (groqmeter-proxy)',
      '  ledger     spend by user, feature or model from a usage ledger (SQLite or PostgreSQL) (groqmeter-ledger)',
      '  simulator  a Groq-compatible API server for tests and demos (groqmeter-simulator)',
    ]);
  });

  it('prints its own version on --version', () => {
    expect(groqmeter('--version')).toEqual({ status: 0, stdout: `${versionOf('groqmeter')}\n`, stderr: '' });
  });

  it.each(TOOLS.map((tool) => [tool.command, tool] as const))(
    'groqmeter %s --version prints the version of its package, --help the tool’s own usage',
    (command, tool) => {
      expect(groqmeter(command, '--version')).toEqual({
        status: 0,
        stdout: `${versionOf(tool.packageName)}\n`,
        stderr: '',
      });
      const help = groqmeter(command, '--help');
      expect([help.status, help.stderr]).toEqual([0, '']);
      expect(help.stdout).toContain(tool.bin);
    },
  );

  it('runs groqmeter-price with the arguments after the command', () => {
    const { status, stdout } = groqmeter(
      'price',
      '--model',
      'openai/gpt-oss-20b',
      '--input',
      '1000000',
      '--output',
      '500000',
      '--at',
      '2026-11-01T00:00:00Z',
      '--json',
    );
    expect(status).toBe(0);
    // 1,000,000 input tokens × $0.075/M + 500,000 output tokens × $0.30/M = $0.075 + $0.15
    expect(JSON.parse(stdout)).toMatchObject({ model: 'openai/gpt-oss-20b', total_usd: '0.225000000' });
  });

  it('passes the tool’s exit code and message through: a bad flag of groqmeter-price', () => {
    expect(groqmeter('price', '--nope')).toEqual({
      status: 1,
      stdout: '',
      stderr: "groqmeter-price: Unknown option '--nope'; see groqmeter-price --help\n",
    });
  });

  it('names the commands when given an unknown one, and exits with 2', () => {
    expect(groqmeter('bill')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "groqmeter: unknown command 'bill'; expected one of price, exporter, proxy, ledger, simulator\n",
    });
  });

  it('prints the usage to stderr and exits with 2 without a command', () => {
    const { status, stderr } = groqmeter();
    expect(status).toBe(2);
    expect(stderr).toContain('Usage: groqmeter <command> [arguments]');
  });
});
