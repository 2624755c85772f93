import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetsFileError, parseBudgets, readBudgetsFile } from './read-budgets-file.js';

const ISSUE_EXAMPLE = `timezone: UTC            # periods start at midnight / the 1st in this zone
budgets:
  - name: support-monthly
    scope: { feature: support-chat }   # label -> value; {} means all spend
    period: month                      # day | week | month
    usd: 25
    warn: [0.8, 0.5]                   # fractions of usd that raise a warning
    enforce: false                     # true: the proxy refuses requests over usd
  - name: everything-daily
    period: day
    usd: 2.5
`;

function fileWith(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'budgets-')), name);
  writeFileSync(path, text);
  return path;
}

function errorOf(text: string, source = 'budgets.yaml'): string {
  try {
    parseBudgets(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(BudgetsFileError);
    return (error as Error).message;
  }
  throw new Error('expected the budgets to be refused');
}

describe('readBudgetsFile', () => {
  it("reads the issue's YAML, with defaults for scope, warn and enforce and warnings sorted", () => {
    expect(readBudgetsFile(fileWith('budgets.yaml', ISSUE_EXAMPLE))).toEqual({
      timezone: 'UTC',
      budgets: [
        {
          name: 'support-monthly',
          scope: { feature: 'support-chat' },
          period: 'month',
          usd: 25,
          warn: [0.5, 0.8],
          enforce: false,
        },
        { name: 'everything-daily', scope: {}, period: 'day', usd: 2.5, warn: [], enforce: false },
      ],
    });
  });

  it('reads JSON, and the time zone defaults to UTC', () => {
    const path = fileWith(
      'budgets.json',
      JSON.stringify({
        budgets: [
          {
            name: 'web',
            scope: { platform: 'web', model: 'openai/gpt-oss-20b' },
            period: 'week',
            usd: 7,
            enforce: true,
          },
        ],
      }),
    );
    expect(readBudgetsFile(path)).toEqual({
      timezone: 'UTC',
      budgets: [
        {
          name: 'web',
          scope: { platform: 'web', model: 'openai/gpt-oss-20b' },
          period: 'week',
          usd: 7,
          warn: [],
          enforce: true,
        },
      ],
    });
  });

  it('names the file when it cannot be read', () => {
    expect(() => readBudgetsFile('/nonexistent/budgets.yaml')).toThrow(
      'cannot read the budgets file /nonexistent/budgets.yaml (ENOENT); check the path given to --budgets',
    );
  });

  it('names the file and the line of a YAML syntax error', () => {
    expect(errorOf('budgets: [\n  - name: a\n')).toMatch(
      /^budgets\.yaml is not valid YAML: Block collections are not allowed within flow collections at line 2, column 3/,
    );
  });

  it('names the file of a JSON syntax error', () => {
    expect(errorOf('{"budgets": [', 'team.json')).toMatch(/^team\.json is not valid JSON: /);
  });

  it('names the path inside the file of every wrong value', () => {
    const message = errorOf(`budgets:
  - name: Support Monthly
    period: year
    usd: "25"
    warn: [0.5, 1.5]
    scope: { "bad label": x }
`);
    expect(message).toContain('budgets.yaml: budgets[0].name: expected 1 to 64 characters of a-z');
    expect(message).toContain('; budgets[0].period: Invalid option: expected one of "day"|"week"|"month"');
    expect(message).toContain('; budgets[0].usd: Invalid input: expected number, received string');
    expect(message).toContain('; budgets[0].warn[1]: expected a fraction of at most 1');
    expect(message).toContain('; budgets[0].scope.bad label: a scope key must be a Prometheus label name');
  });

  it('refuses unknown keys, a wrong time zone and a name used twice', () => {
    const message = errorOf(`timezone: Mars/Olympus
budgets:
  - { name: a, period: day, usd: 1, limit: 2 }
  - { name: a, period: month, usd: 10 }
`);
    expect(message).toContain(
      'budgets.yaml: timezone: expected an IANA time zone such as UTC or Europe/Berlin',
    );
    expect(message).toContain('budgets[0]: Unrecognized key: "limit"');
    expect(message).toContain('budgets[1].name: the name "a" is already used by an earlier budget');
  });

  it('says what the document should look like when it is not one', () => {
    expect(errorOf('- 1\n- 2\n')).toBe(
      'budgets.yaml: (top level): Invalid input: expected object, received array. Expected { timezone, budgets: [{ name, scope, period, usd, warn, enforce }] } (see the exporter README, "Budgets")',
    );
  });
});
