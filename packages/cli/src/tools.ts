/** One tool `groqmeter` dispatches to: the package that ships it and that package's bin. */
export interface Tool {
  /** The subcommand: `groqmeter <command> ...`. */
  command: string;
  /** The npm package that ships the tool. */
  packageName: string;
  /** The tool's own bin in that package, which `groqmeter <command>` runs. */
  bin: string;
  /** One line for `groqmeter --help`. */
  summary: string;
}

/** The tools, in the order `groqmeter --help` lists them. */
export const TOOLS: readonly Tool[] = [
  {
    command: 'price',
    packageName: '@groqmeter/pricing',
    bin: 'groqmeter-price',
    summary: 'price a Groq call from its usage, or list the price catalogue',
  },
  {
    command: 'exporter',
    packageName: '@groqmeter/exporter',
    bin: 'groqmeter-exporter',
    summary: 'receive OTLP from instrumented apps and serve Prometheus /metrics',
  },
  {
    command: 'proxy',
    packageName: '@groqmeter/proxy',
    bin: 'groqmeter-proxy',
    summary: 'an OpenAI-compatible pass-through proxy that meters every Groq call',
  },
  {
    command: 'ledger',
    packageName: '@groqmeter/ledger',
    bin: 'groqmeter-ledger',
    summary: 'spend by user, feature or model from a usage ledger (SQLite or PostgreSQL)',
  },
  {
    command: 'simulator',
    packageName: '@groqmeter/groq-simulator',
    bin: 'groqmeter-simulator',
    summary: 'a Groq-compatible API server for tests and demos',
  },
];

/** The tool of `command`, or `undefined` for a command that is not one. */
export function toolOf(command: string): Tool | undefined {
  return TOOLS.find((tool) => tool.command === command);
}
