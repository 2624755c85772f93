import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The first code block of `language` after `heading` in a README. */
export function readmeBlock(readmePath: string, heading: string, language: string): string {
  const readme = readFileSync(readmePath, 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section);
  if (block?.[1] === undefined) throw new Error(`${readmePath} has no ${language} block after "${heading}"`);
  return block[1];
}

const IMPORT_LINE = /^import \{([^}]+)\} from '([^']+)';\n/gm;

type AsyncFunctionConstructor = new (...parameters: string[]) => (...values: unknown[]) => Promise<void>;

/**
 * Run an ES module example (named imports on single lines, top-level await) with its imports
 * taken from `modules`, which the test imported itself: the example runs in the test process,
 * against the package's source, exactly as written in the README otherwise.
 */
export async function runExample(
  code: string,
  modules: Record<string, Record<string, unknown>>,
): Promise<void> {
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [, bindings = '', specifier = ''] of code.matchAll(IMPORT_LINE)) {
    const exports = modules[specifier];
    if (exports === undefined)
      throw new Error(`the example imports '${specifier}', which the test did not provide`);
    for (const binding of bindings.split(',').map((name) => name.trim())) {
      if (!(binding in exports)) throw new Error(`'${specifier}' has no export '${binding}'`);
      names.push(binding);
      values.push(exports[binding]);
    }
  }
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as AsyncFunctionConstructor;
  await new AsyncFunction(...names, code.replace(IMPORT_LINE, ''))(...values);
}

/** A TCP port that was free a moment ago, for the example's Prometheus endpoint. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}
