import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(packageDir, 'dist', 'cli.js');

beforeAll(() => {
  // The bin runs from dist/; build it once when a fresh checkout has none yet.
  if (existsSync(cli)) return;
  const require = createRequire(join(packageDir, 'package.json'));
  const tsup = join(dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
  execFileSync(process.execPath, [tsup], { cwd: packageDir, stdio: 'ignore' });
}, 120_000);

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): { child: ChildProcess; output: () => Finished; exited: Promise<Finished> } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const output = () => ({ code: child.exitCode, stdout, stderr });
  const exited = new Promise<Finished>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, output, exited };
}

describe('groqmeter-simulator CLI', () => {
  it('serves on the printed URL with the config file and flags, and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'groq-simulator-cli-'));
    const config = join(dir, 'simulator.json');
    await writeFile(config, JSON.stringify({ models: { 'openai/gpt-oss-20b': { completionTokens: 5 } } }));
    const server = run(['--port', '0', '--config', config, '--seed', '5', '--time-scale', '0']);
    await expect
      .poll(() => server.output().stdout, { timeout: 10_000 })
      .toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output().stdout)?.[1];
    const response = await fetch(`${url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-oss-20b',
        messages: [{ role: 'user', content: 'Hello there' }],
      }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 5 });
    expect(server.output().stdout).toContain(`(OpenAI-compatible base URL ${url}/openai/v1)`);
    server.child.kill('SIGTERM');
    const finished = await server.exited;
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain('received SIGTERM, stopping');
  });

  it('exits with status 2 and explains an invalid flag or config', async () => {
    const badFlag = await run(['--time-scale', 'fast']).exited;
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--time-scale must be a number, got "fast"');
    expect(badFlag.stderr).toContain('Usage: groqmeter-simulator');
    const missing = await run(['--config', '/nonexistent/simulator.json']).exited;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Invalid simulator configuration in /nonexistent/simulator.json');
  });

  it('prints its usage with --help', async () => {
    const help = await run(['--help']).exited;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      '--time-scale X    multiply simulated delays; 0 = never wait (default 1 here)',
    );
  });
});
