/**
 * Every file this package generates, rendered in memory: the dashboards' JSON and the alert rules'
 * YAML. `generate.ts` writes them; a test compares them with the committed files.
 */
import { stringify } from 'yaml';
import { RULE_GROUPS, RUNBOOKS_FILE } from './alerts.js';
import { buildDashboard } from './build-dashboard.js';
import { DASHBOARDS } from './dashboards/index.js';

/** A generated file: its path relative to the package folder, and its content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** Where the Prometheus rule file is written, relative to the package folder. */
export const RULES_FILE = 'prometheus/rules/groqmeter.rules.yml';

const RULES_HEADER =
  '# Generated from grafana/src/alerts.ts by `pnpm --filter @groqmeter/grafana generate`: do not edit.\n' +
  '# Unit tests: groqmeter.rules.test.yml, groqmeter.budget.rules.test.yml, groqmeter.forecast.rules.test.yml (promtool test rules).\n' +
  '# Runbooks: ../runbooks.md.\n';

/** The alert rules as a Prometheus rule file. */
export function renderRules(): string {
  return RULES_HEADER + stringify({ groups: RULE_GROUPS }, { lineWidth: 0 });
}

/**
 * The runbook of every alert as Markdown, one `## AlertName` section each (the anchor its
 * `runbook_url` annotation points to). The summary and description are Prometheus templates: the
 * alert a person receives has their values filled in.
 */
export function renderRunbooks(): string {
  const sections = RULE_GROUPS.flatMap((group) =>
    group.rules.map((rule) =>
      [
        `## ${rule.alert}`,
        '',
        `Severity \`${rule.labels.severity}\`, group \`${group.name}\`, fires after ${rule.for === '0m' ? 'one evaluation' : rule.for}.`,
        '',
        `**Summary.** ${rule.annotations.summary}`,
        '',
        `**What it means.** ${rule.annotations.description}`,
        '',
        `**What to do.** ${rule.annotations.runbook}`,
        '',
        '```promql',
        rule.expr,
        '```',
        '',
      ].join('\n'),
    ),
  );
  return [
    '# groqmeter alert runbooks',
    '',
    '<!-- Generated from grafana/src/alerts.ts by `pnpm --filter @groqmeter/grafana generate`: do not edit. -->',
    '',
    'Each alert of `prometheus/rules/groqmeter.rules.yml` links here with its `runbook_url` annotation.',
    '`{{ ... }}` are Prometheus templates: the alert you received has them filled in.',
    '',
    ...sections,
  ].join('\n');
}

/** Every generated file, dashboards first. */
export function generatedFiles(): GeneratedFile[] {
  const dashboards = DASHBOARDS.map((spec) => ({
    path: `dashboards/${spec.file}`,
    content: `${JSON.stringify(buildDashboard(spec), null, 2)}\n`,
  }));
  return [
    ...dashboards,
    { path: RULES_FILE, content: renderRules() },
    // RUNBOOKS_FILE is relative to the repository root; generated paths are relative to grafana/.
    { path: RUNBOOKS_FILE.replace(/^grafana\//, ''), content: renderRunbooks() },
  ];
}
