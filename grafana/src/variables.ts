import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DATASOURCE } from './build-panel.js';
import type { FilterVariable } from './promql.js';
import { POSTGRES_DATASOURCE_TYPE } from './sql-query.js';

/** The `allValue` of every filter variable: "All" matches any value, absent labels included. */
export const ALL_VALUE = '.*';

/** The series whose labels list a filter variable's values. */
const VALUES_FROM = 'groq_requests_total';

interface FilterVariableSpec {
  name: FilterVariable;
  label: string;
  description: string;
  query: string;
}

const FILTERS: readonly FilterVariableSpec[] = [
  {
    name: 'job',
    label: 'Job',
    description: 'The service.name of the instrumented app (Prometheus job).',
    query: `label_values(${VALUES_FROM}, job)`,
  },
  {
    name: 'model',
    label: 'Model',
    description: 'The requested Groq model.',
    query: `label_values(${VALUES_FROM}{job=~"$job"}, model)`,
  },
  {
    name: 'operation',
    label: 'Operation',
    description: 'gen_ai.operation.name: chat, transcription, translation, speech, ...',
    query: `label_values(${VALUES_FROM}{job=~"$job"}, operation)`,
  },
  {
    name: 'feature',
    label: 'Feature',
    description: 'The `feature` attribution label your code attaches to calls.',
    query: `label_values(${VALUES_FROM}{job=~"$job"}, feature)`,
  },
];

/** The datasource picker (Prometheus only) and the job, model, operation and feature filters. */
export function templateVariables(): cog.Builder<dashboard.VariableModel>[] {
  const datasource = new dashboard.DatasourceVariableBuilder('datasource')
    .label('Data source')
    .description('The Prometheus that scrapes the groqmeter exporter.')
    .type('prometheus');
  const filters = FILTERS.map((spec) =>
    new dashboard.QueryVariableBuilder(spec.name)
      .label(spec.label)
      .description(spec.description)
      .datasource(DATASOURCE)
      .query(spec.query)
      .definition(spec.query)
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
      .sort(dashboard.VariableSort.AlphabeticalAsc)
      .multi(true)
      .includeAll(true)
      .allValue(ALL_VALUE)
      .current({ selected: true, text: 'All', value: '$__all' }),
  );
  return [datasource, ...filters];
}

/** The datasource picker of a PostgreSQL dashboard: the database holding the groqmeter ledger. */
export function postgresVariables(): cog.Builder<dashboard.VariableModel>[] {
  return [
    new dashboard.DatasourceVariableBuilder('datasource')
      .label('Data source')
      .description('The PostgreSQL database holding the groqmeter ledger (table groq_operations).')
      .type(POSTGRES_DATASOURCE_TYPE),
  ];
}
