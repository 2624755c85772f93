import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as common from '@grafana/grafana-foundation-sdk/common';
import type { QuerySource } from './build-panel.js';
import type { SqlTargetSpec } from './panel-spec.js';

/** The type id of Grafana's PostgreSQL data source (Grafana 10.3+). */
export const POSTGRES_DATASOURCE_TYPE = 'grafana-postgresql-datasource';

/** Every panel and query of a PostgreSQL dashboard reads the database picked in its `datasource` variable. */
export const POSTGRES_DATASOURCE: common.DataSourceRef = {
  type: POSTGRES_DATASOURCE_TYPE,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
  uid: '${datasource}',
};

/** A query of Grafana's SQL data sources, as their query editor saves it in code mode. */
interface SqlDataquery extends cog.Dataquery {
  refId: string;
  datasource: common.DataSourceRef;
  editorMode: 'code';
  rawQuery: true;
  format: SqlTargetSpec['format'];
  rawSql: string;
}

/**
 * The foundation SDK ships query builders for Prometheus and others but none for the SQL data
 * sources; this one writes what Grafana's PostgreSQL query editor saves.
 */
class SqlDataqueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(
    private readonly target: SqlTargetSpec,
    private readonly refId: string,
  ) {}

  build(): SqlDataquery {
    return {
      refId: this.refId,
      datasource: POSTGRES_DATASOURCE,
      editorMode: 'code',
      rawQuery: true,
      format: this.target.format,
      rawSql: this.target.rawSql,
      _implementsDataqueryVariant: () => undefined,
    };
  }
}

/** Raw SQL targets, through the PostgreSQL data source variable. */
export const POSTGRES_QUERIES: QuerySource<SqlTargetSpec> = {
  datasource: POSTGRES_DATASOURCE,
  query: (target, refId) => new SqlDataqueryBuilder(target, refId),
};
