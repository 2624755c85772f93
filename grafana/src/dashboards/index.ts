import type { DashboardSpec } from '../build-dashboard.js';
import { audioTools } from './audio-tools.js';
import { latency } from './latency.js';
import { ledger } from './ledger.js';
import { overview } from './overview.js';
import { ratelimits } from './ratelimits.js';
import { spend } from './spend.js';

/** Every groqmeter dashboard, in menu order: five on Prometheus, then the ledger's on PostgreSQL. */
export const DASHBOARDS: readonly DashboardSpec[] = [
  overview,
  spend,
  ratelimits,
  latency,
  audioTools,
  ledger,
];
