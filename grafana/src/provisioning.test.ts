import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POSTGRES_DATASOURCE_TYPE } from './sql-query.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the optional ledger data source', () => {
  it('provisions a PostgreSQL data source of the type the ledger dashboard picks, password from the environment', () => {
    const file = parse(
      readFileSync(join(packageDir, 'provisioning/datasources/ledger-postgres.yaml'), 'utf8'),
    ) as unknown;
    expect(file).toEqual({
      apiVersion: 1,
      datasources: [
        {
          name: 'groqmeter ledger',
          uid: 'groqmeter-ledger-postgres',
          type: POSTGRES_DATASOURCE_TYPE,
          access: 'proxy',
          url: 'db:5432',
          user: 'grafana_reader',
          editable: false,
          jsonData: { database: 'groq_ledger', sslmode: 'disable' },
          secureJsonData: { password: '$GROQ_LEDGER_GRAFANA_PASSWORD' },
        },
      ],
    });
  });
});
