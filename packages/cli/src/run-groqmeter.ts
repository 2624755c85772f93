import { pathToFileURL } from 'node:url';
import { locateTool } from './locate-tool.js';
import { TOOLS, toolOf } from './tools.js';
import { VERSION } from './version.js';

/** What `groqmeter` writes to; the process's streams in the CLI. */
export interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The usage `groqmeter --help` prints. */
export function usage(): string {
  const width = Math.max(...TOOLS.map((tool) => tool.command.length));
  return [
    `groqmeter ${VERSION}: cost, usage and rate-limit observability for the Groq API`,
    '',
    'Usage: groqmeter <command> [arguments]',
    '       groqmeter <command> --help | --version',
    '       groqmeter --help | --version',
    '',
    'Commands:',
    ...TOOLS.map((tool) => `  ${tool.command.padEnd(width)}  ${tool.summary} (${tool.bin})`),
    '',
    'Each command runs that tool with the arguments given, as its own bin would.',
    '',
  ].join('\n');
}

/**
 * Runs `groqmeter argv`: its own `--help` and `--version`, or a tool's (`--version` prints the
 * tool package's version), or the tool itself, in this process, with `argv` after the command.
 * Resolves to the exit code to set, or `undefined` once a tool has been started (it then sets its
 * own exit code and keeps the process for as long as it runs).
 */
export async function runGroqmeter(argv: readonly string[], output: Output): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? output.stderr : output.stdout).write(usage());
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    output.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const tool = toolOf(command);
  if (tool === undefined) {
    output.stderr.write(`groqmeter: unknown command '${command}'; expected one of ${commandList()}\n`);
    return 2;
  }
  const installed = locateTool(tool);
  if (installed === undefined) {
    output.stderr.write(
      `groqmeter ${tool.command}: the package ${tool.packageName} is not installed; ` +
        `install it next to groqmeter (npm install ${tool.packageName}) and run groqmeter ${tool.command} again\n`,
    );
    return 1;
  }
  if (rest.length === 1 && (rest[0] === '--version' || rest[0] === '-v')) {
    output.stdout.write(`${installed.version}\n`);
    return 0;
  }
  // The tool reads its arguments from process.argv, as when its own bin is run.
  process.argv = [process.argv[0] ?? process.execPath, installed.binPath, ...rest];
  await import(pathToFileURL(installed.binPath).href);
  return undefined;
}

function commandList(): string {
  return TOOLS.map((tool) => tool.command).join(', ');
}
