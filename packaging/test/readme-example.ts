import { readFileSync } from 'node:fs';

/** A fenced code block of a README: its language and its text. */
interface Block {
  lang: string;
  text: string;
}

/** One shell command of an example: the environment it sets and the words it runs. */
export interface Command {
  env: Record<string, string>;
  words: string[];
  /** Ends with `&`: started in the background (the examples do that with the simulator). */
  background: boolean;
}

/** The first example of a README, as a user would copy it. */
export interface ReadmeExample {
  /** A program to save (`fileName`) and run with `commands`, or commands alone (`program` undefined). */
  program?: { fileName: string; code: string };
  /** The commands to run, in order, install commands left out (the test installs). */
  commands: Command[];
  /** The README's output block after the example, when it shows one. */
  expectedOutput?: string;
}

const PROGRAM_LANGUAGES = new Set(['js', 'mjs', 'ts']);
const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell']);
const INSTALL = /^(npm (i|install)|pnpm (i|install|add))\b/;

function blocksOf(readme: string): Block[] {
  return [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1] ?? '',
    text: match[2] ?? '',
  }));
}

/** The commands of a shell block: continuation lines joined, comments and blank lines left out. */
export function commandsOf(script: string): Command[] {
  return script
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const background = line.endsWith('&');
      const words = (background ? line.slice(0, -1) : line).trim().split(/\s+/);
      const env: Record<string, string> = {};
      while (words[0] !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
        const [name = '', ...value] = (words.shift() as string).split('=');
        env[name] = value.join('=');
      }
      return { env, words, background };
    });
}

function isInstall(command: Command): boolean {
  return INSTALL.test(command.words.join(' '));
}

/**
 * The first example of the README at `path`: its first program block (js/ts) or shell block that
 * does more than install, with the shell commands that run it (the first shell block after it
 * that runs `node`, else `node FILE`) and the first `text` block after it as the expected output.
 */
export function firstExample(path: string): ReadmeExample {
  const blocks = blocksOf(readFileSync(path, 'utf8'));
  const at = blocks.findIndex(
    (block) =>
      PROGRAM_LANGUAGES.has(block.lang) ||
      (SHELL_LANGUAGES.has(block.lang) && commandsOf(block.text).some((command) => !isInstall(command))),
  );
  const block = blocks[at];
  if (block === undefined)
    throw new Error(`${path} has no example (a js/ts block or a shell block that runs something)`);
  const after = blocks.slice(at + 1);
  const expectedOutput = after.find((next) => next.lang === 'text')?.text;
  if (!PROGRAM_LANGUAGES.has(block.lang)) {
    return { commands: commandsOf(block.text).filter((command) => !isInstall(command)), expectedOutput };
  }
  const named = /^\/\/ ([\w.-]+\.(?:mjs|cjs|js))\b/.exec(block.text)?.[1];
  const runBlock = after.find(
    (next) =>
      SHELL_LANGUAGES.has(next.lang) && commandsOf(next.text).some((command) => command.words[0] === 'node'),
  );
  const runCommands = runBlock ? commandsOf(runBlock.text).filter((command) => !isInstall(command)) : [];
  const nodeCommand = runCommands.find((command) => command.words[0] === 'node');
  const fileName = named ?? nodeCommand?.words.at(-1) ?? 'example.mjs';
  return {
    program: { fileName, code: block.text },
    commands: nodeCommand ? runCommands : [{ env: {}, words: ['node', fileName], background: false }],
    expectedOutput,
  };
}

/** The npm packages a README tells users to install (`npm i ...` lines and `// ... npm install` comments). */
export function installedPackages(path: string): string[] {
  const readme = readFileSync(path, 'utf8').replace(/\\\n(\/\/)?\s*/g, ' ');
  const specs = new Set<string>();
  for (const match of readme.matchAll(/npm (?:i|install) ((?:[@\w./-]+(?:@[\w.-]+)?[ \t]*)+)/g)) {
    for (const spec of (match[1] ?? '').trim().split(/\s+/))
      if (/^(@[\w-]+\/)?[\w.-]+(@|$)/.test(spec)) specs.add(spec);
  }
  return [...specs];
}
