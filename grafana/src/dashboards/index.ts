import type { DashboardSpec } from '../build-dashboard.js';
import { audioTools } from './audio-tools.js';
import { latency } from './latency.js';
import { ledger } from './ledger.js';
import { migration } from './migration.js';
import { overview } from './overview.js';
import { ratelimits } from './ratelimits.js';
import { spend } from './spend.js';

/** Every groqmeter dashboard, in menu order: six on Prometheus, then the ledger's on PostgreSQL. */
export const DASHBOARDS: readonly DashboardSpec[] = [
  overview,
  spend,
  migration,
  ratelimits,
  latency,
  audioTools,
  ledger,
];
