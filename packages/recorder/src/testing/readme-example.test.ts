import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeLocalPort, readmeCodeBlock, runExampleCode, runReadmeExample } from './readme-example.js';

const README = `# pkg

## Example

\`\`\`js
import { greet } from 'greeter';
import { shout, whisper } from 'voices';

console.log(greet(process.env.WHO), await shout('done'));
console.log(whisper('bye'));
\`\`\`

Output:

\`\`\`text
hello world DONE
bye...
\`\`\`
`;

function readmeFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'groqmeter-readme-')), 'README.md');
  writeFileSync(path, text);
  return path;
}

const modules = {
  greeter: { greet: (who: string) => `hello ${who}` },
  voices: { shout: async (text: string) => text.toUpperCase(), whisper: (text: string) => `${text}...` },
};

describe('runReadmeExample', () => {
  it('runs the example with the given modules and environment and returns what it printed', async () => {
    const previousLog = console.log;
    const run = await runReadmeExample({ readmePath: readmeFile(README), modules, env: { WHO: 'world' } });
    expect(run).toEqual({
      printed: ['hello world DONE', 'bye...'],
      expected: ['hello world DONE', 'bye...'],
    });
    expect(process.env.WHO).toBeUndefined();
    expect(console.log).toBe(previousLog);
  });

  it('restores the environment and console.log when the example throws', async () => {
    const previousLog = console.log;
    process.env.GROQMETER_README_TEST = 'before';
    const failing = README.replace("console.log(whisper('bye'));", "throw new Error('example broke');");
    await expect(
      runReadmeExample({
        readmePath: readmeFile(failing),
        modules,
        env: { GROQMETER_README_TEST: 'during' },
      }),
    ).rejects.toThrow('example broke');
    expect(process.env.GROQMETER_README_TEST).toBe('before');
    expect(console.log).toBe(previousLog);
    delete process.env.GROQMETER_README_TEST;
  });
});

describe('readmeCodeBlock and runExampleCode', () => {
  it('find the block after a heading, and say what is missing', () => {
    const path = readmeFile(README);
    expect(readmeCodeBlock(path, 'Output', 'text')).toBe('hello world DONE\nbye...\n');
    expect(() => readmeCodeBlock(path, '## Usage', 'js')).toThrow(
      `${path} has no \`\`\`js block after "## Usage"; add the block or pass the heading it follows.`,
    );
  });

  it('refuses imports the test did not provide', async () => {
    await expect(runExampleCode("import { greet } from 'greeter';\n", {})).rejects.toThrow(
      "the example imports 'greeter', which the test did not provide in modules",
    );
    await expect(runExampleCode("import { wave } from 'greeter';\n", modules)).rejects.toThrow(
      "'greeter' has no export 'wave'",
    );
  });
});

describe('freeLocalPort', () => {
  it('gives a port a server can listen on', async () => {
    const port = await freeLocalPort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect(server.address()).toMatchObject({ port });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
