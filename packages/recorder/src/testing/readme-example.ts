import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The first fenced code block of `language` after the line `heading` in a README. */
export function readmeCodeBlock(readmePath: string, heading: string, language: string): string {
  const readme = readFileSync(readmePath, 'utf8');
  const at = readme.indexOf(heading);
  const block =
    at === -1 ? null : new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(at));
  if (block?.[1] === undefined) {
    throw new Error(
      `${readmePath} has no \`\`\`${language} block after "${heading}"; ` +
        'add the block or pass the heading it follows.',
    );
  }
  return block[1];
}

const IMPORT_LINE = /^import \{([^}]+)\} from '([^']+)';\n/gm;

type AsyncFunctionConstructor = new (...parameters: string[]) => (...values: unknown[]) => Promise<void>;

/**
 * Run an ES module example (named imports, each on one line; top-level await) in this process,
 * with its imports taken from `modules`, which the test imported itself: the example then runs
 * against the code under test, otherwise exactly as written.
 */
export async function runExampleCode(
  code: string,
  modules: Record<string, Record<string, unknown>>,
): Promise<void> {
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [, bindings = '', specifier = ''] of code.matchAll(IMPORT_LINE)) {
    const exports = modules[specifier];
    if (exports === undefined) {
      throw new Error(`the example imports '${specifier}', which the test did not provide in modules`);
    }
    for (const binding of bindings.split(',').map((name) => name.trim())) {
      if (!(binding in exports)) throw new Error(`'${specifier}' has no export '${binding}'`);
      names.push(binding);
      values.push(exports[binding]);
    }
  }
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as AsyncFunctionConstructor;
  await new AsyncFunction(...names, code.replace(IMPORT_LINE, ''))(...values);
}

/** Options of {@link runReadmeExample}. */
export interface ReadmeExampleOptions {
  readmePath: string;
  /** The modules the example imports, by specifier, as the test imported them. */
  modules: Record<string, Record<string, unknown>>;
  /** Environment variables set while the example runs; the previous values come back afterwards. */
  env?: Record<string, string>;
  /** The heading the example's code block follows (default `## Example`). */
  exampleHeading?: string;
  /** The language of the example's code block (default `js`). */
  language?: string;
  /** The heading the expected output's `text` block follows (default `Output`). */
  outputHeading?: string;
}

/** What a README example printed, and what its README says it prints. */
export interface ReadmeExampleRun {
  /** Each `console.log` call of the example, its arguments joined by spaces. */
  printed: string[];
  /** The lines of the README's output block. */
  expected: string[];
}

/**
 * Run the example of a README (see {@link runExampleCode}) and capture what it logs, so that a
 * test can check the README's promised output: `expect(printed).toEqual(expected)`.
 */
export async function runReadmeExample(options: ReadmeExampleOptions): Promise<ReadmeExampleRun> {
  const code = readmeCodeBlock(
    options.readmePath,
    options.exampleHeading ?? '## Example',
    options.language ?? 'js',
  );
  const expected = readmeCodeBlock(options.readmePath, options.outputHeading ?? 'Output', 'text')
    .trimEnd()
    .split('\n');
  const printed: string[] = [];
  const log = console.log;
  const previousEnv = Object.keys(options.env ?? {}).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, options.env);
  console.log = (...values: unknown[]) => {
    printed.push(values.join(' '));
  };
  try {
    await runExampleCode(code, options.modules);
  } finally {
    console.log = log;
    for (const [name, value] of previousEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { printed, expected };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for an example's own server). */
export async function freeLocalPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free local port');
  return address.port;
}
