import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GRID_COLUMNS } from './build-dashboard.js';
import { DATASOURCE } from './build-panel.js';
import { DASHBOARDS } from './dashboards/index.js';
import { SERIES } from './promql.js';
import { POSTGRES_DATASOURCE } from './sql-query.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Target {
  expr?: string;
  rawSql?: string;
  rawQuery?: boolean;
  editorMode?: string;
  format?: string;
  refId?: string;
  datasource?: { type?: string; uid?: string };
}

interface Panel {
  id?: number;
  type?: string;
  title?: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  gridPos?: { x: number; y: number; w: number; h: number };
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps?: unknown[] } } };
  targets?: Target[];
}

interface Variable {
  type: string;
  name: string;
  label?: string;
  query?: unknown;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  datasource?: { uid?: string };
}

interface DashboardJson {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

function load(file: string): DashboardJson {
  return JSON.parse(readFileSync(join(packageDir, 'dashboards', file), 'utf8')) as DashboardJson;
}

const dashboards = DASHBOARDS.map((spec) => ({
  spec,
  json: load(spec.file),
  datasource: spec.datasource === 'postgres' ? POSTGRES_DATASOURCE : DATASOURCE,
}));

function overlaps(a: NonNullable<Panel['gridPos']>, b: NonNullable<Panel['gridPos']>): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The `{...}` matcher block that follows each occurrence of `name` in `expr`. */
function matcherBlocks(expr: string, name: string): string[] {
  const blocks: string[] = [];
  const pattern = new RegExp(`(?<!["\\w])${name}(_bucket|_sum|_count)?(?![a-z_(])(\\{[^}]*\\})?`, 'g');
  for (const match of expr.matchAll(pattern)) blocks.push(match[2] ?? '');
  const spelledBoth = new RegExp(`\\{__name__=~"${name}\\(_seconds\\)\\?[^"]*"[^}]*\\}`, 'g');
  for (const match of expr.matchAll(spelledBoth)) blocks.push(match[0]);
  return blocks;
}

describe('dashboards', () => {
  it('have unique uids and the seven expected titles', () => {
    expect(dashboards.map(({ json }) => json.title)).toEqual([
      'groqmeter / Overview',
      'groqmeter / Spend & tokens',
      'groqmeter / Migration to Groq',
      'groqmeter / Rate-limit headroom',
      'groqmeter / Latency & speed',
      'groqmeter / Audio & tools',
      'groqmeter / Ledger: spend by user and feature',
    ]);
    expect(new Set(dashboards.map(({ json }) => json.uid)).size).toBe(dashboards.length);
  });

  for (const { json, datasource } of dashboards) {
    describe(json.title, () => {
      it('gives every panel a unique id and a place on the grid that overlaps no other', () => {
        const ids = json.panels.map((panel) => panel.id);
        expect(new Set(ids).size).toBe(ids.length);
        json.panels.forEach((panel, index) => {
          const grid = panel.gridPos;
          expect(grid, `${panel.title} has no gridPos`).toBeDefined();
          if (!grid) return;
          expect(grid.w).toBeGreaterThan(0);
          expect(grid.h).toBeGreaterThan(0);
          expect(grid.x + grid.w).toBeLessThanOrEqual(GRID_COLUMNS);
          for (const other of json.panels.slice(index + 1)) {
            if (other.gridPos)
              expect(overlaps(grid, other.gridPos), `${panel.title} overlaps ${other.title}`).toBe(false);
          }
        });
      });

      it('gives every panel a title, description, unit, thresholds and the datasource variable', () => {
        for (const panel of json.panels) {
          expect(panel.title?.length, `panel ${panel.id}`).toBeGreaterThan(3);
          expect(panel.description?.length, `${panel.title} description`).toBeGreaterThan(20);
          expect(panel.fieldConfig?.defaults?.unit, `${panel.title} unit`).toBeTruthy();
          expect(
            panel.fieldConfig?.defaults?.thresholds?.steps?.length,
            `${panel.title} thresholds`,
          ).toBeGreaterThan(0);
          expect(panel.datasource).toEqual(datasource);
        }
      });

      it('gives every target a query, a refId and the datasource variable', () => {
        for (const panel of json.panels) {
          expect(panel.targets?.length, `${panel.title} targets`).toBeGreaterThan(0);
          for (const target of panel.targets ?? []) {
            expect((target.expr ?? target.rawSql)?.trim().length, `${panel.title} query`).toBeGreaterThan(0);
            expect(target.refId).toMatch(/^[A-Z]$/);
            expect(target.datasource).toEqual(datasource);
          }
        }
      });
    });
  }

  for (const { json } of dashboards.filter(({ spec }) => spec.datasource === 'prometheus')) {
    describe(`${json.title} (Prometheus)`, () => {
      it('has the datasource, job, model, operation and feature variables, multi-value with All = .*', () => {
        const [datasource, ...filters] = json.templating.list;
        expect(datasource).toMatchObject({ type: 'datasource', name: 'datasource', query: 'prometheus' });
        expect(filters.map((variable) => variable.name)).toEqual(['job', 'model', 'operation', 'feature']);
        for (const variable of filters) {
          expect(variable).toMatchObject({ type: 'query', multi: true, includeAll: true, allValue: '.*' });
          expect(variable.datasource).toEqual(DATASOURCE);
          expect(String(variable.query)).toMatch(/^label_values\(groq_requests_total/);
        }
      });

      it('filters every series by each variable that matches one of its labels', () => {
        let selectors = 0;
        for (const panel of json.panels) {
          for (const target of panel.targets ?? []) {
            const expr = target.expr ?? '';
            for (const series of Object.values(SERIES)) {
              for (const block of matcherBlocks(expr, series.name)) {
                selectors += 1;
                for (const [variable, label] of Object.entries(series.filters)) {
                  expect(
                    block,
                    `${panel.title}: ${series.name} must filter ${label} by $${variable}`,
                  ).toContain(`${label}=~"$${variable}"`);
                }
              }
            }
          }
        }
        expect(selectors).toBeGreaterThanOrEqual(json.panels.length);
      });
    });
  }

  for (const { json } of dashboards.filter(({ spec }) => spec.datasource === 'postgres')) {
    describe(`${json.title} (PostgreSQL)`, () => {
      it('has only the PostgreSQL datasource variable', () => {
        expect(json.templating.list).toEqual([
          expect.objectContaining({
            type: 'datasource',
            name: 'datasource',
            label: 'Data source',
            query: 'grafana-postgresql-datasource',
            multi: false,
            includeAll: false,
          }),
        ]);
      });

      it('runs raw SQL over the ledger table, on the operations that started in the dashboard range', () => {
        for (const panel of json.panels) {
          for (const target of panel.targets ?? []) {
            expect(target, panel.title).toMatchObject({ editorMode: 'code', rawQuery: true });
            expect(['table', 'time_series']).toContain(target.format);
            expect(target.rawSql, panel.title).toContain(
              'FROM groq_operations WHERE start_time >= $__timeFrom() AND start_time < $__timeTo()',
            );
          }
        }
      });
    });
  }

  it('match both spellings of the semconv seconds histograms and never the bare name alone', () => {
    const exprs = dashboards
      .flatMap(({ json }) => json.panels.flatMap((panel) => panel.targets ?? []))
      .map((t) => t.expr ?? '');
    const semconv = exprs.filter((expr) => expr.includes('gen_ai_client_operation'));
    expect(semconv.length).toBeGreaterThan(5);
    for (const expr of semconv) {
      expect(expr).not.toMatch(
        /[^"]gen_ai_client_operation_(duration|time_to_first_chunk)_(bucket|sum|count)/,
      );
      expect(expr).toMatch(
        /__name__=~"gen_ai_client_operation_(duration|time_to_first_chunk)\(_seconds\)\?_(bucket|sum|count)"/,
      );
    }
  });
});
