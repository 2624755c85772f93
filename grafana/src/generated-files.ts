/**
 * Every file this package generates, rendered in memory: the dashboards' JSON and the alert rules'
 * YAML. `generate.ts` writes them; a test compares them with the committed files.
 */
import { stringify } from 'yaml';
import { RULE_GROUPS } from './alerts.js';
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
  '# Unit tests: groqmeter.rules.test.yml (promtool test rules).\n';

/** The alert rules as a Prometheus rule file. */
export function renderRules(): string {
  return RULES_HEADER + stringify({ groups: RULE_GROUPS }, { lineWidth: 0 });
}

/** Every generated file, dashboards first. */
export function generatedFiles(): GeneratedFile[] {
  const dashboards = DASHBOARDS.map((spec) => ({
    path: `dashboards/${spec.file}`,
    content: `${JSON.stringify(buildDashboard(spec), null, 2)}\n`,
  }));
  return [...dashboards, { path: RULES_FILE, content: renderRules() }];
}
