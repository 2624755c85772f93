import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adaptPrometheusConfig, findExecutable, findPrometheusConfig } from './prometheus-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'demo-prometheus-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('adaptPrometheusConfig', () => {
  it('moves the exporter target to the port in use and makes rule files absolute', () => {
    const config = [
      'global:',
      '  scrape_interval: 5s',
      'rule_files:',
      '  - rules/groqmeter-alerts.yml',
      "  - 'rules/extra-*.yml'  # more",
      '  - /etc/prometheus/abs.yml',
      'scrape_configs:',
      '  - job_name: groqmeter-exporter',
      '    static_configs:',
      "      - targets: ['127.0.0.1:9464']",
      '      - targets: [localhost:9464]',
    ].join('\n');
    expect(adaptPrometheusConfig(config, '/repo/grafana/prometheus', 19464)).toBe(
      [
        'global:',
        '  scrape_interval: 5s',
        'rule_files:',
        '  - /repo/grafana/prometheus/rules/groqmeter-alerts.yml',
        "  - '/repo/grafana/prometheus/rules/extra-*.yml'  # more",
        '  - /etc/prometheus/abs.yml',
        'scrape_configs:',
        '  - job_name: groqmeter-exporter',
        '    static_configs:',
        "      - targets: ['127.0.0.1:19464']",
        '      - targets: [127.0.0.1:19464]',
      ].join('\n'),
    );
  });
});

describe('findExecutable', () => {
  it('finds a file on the PATH and nothing when it is absent', () => {
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'prometheus'), '#!/bin/sh\n');
    chmodSync(join(bin, 'prometheus'), 0o755);
    expect(findExecutable('prometheus', `/nonexistent:${bin}`)).toBe(join(bin, 'prometheus'));
    expect(findExecutable('prometheus', '/nonexistent')).toBeUndefined();
  });
});

describe('findPrometheusConfig', () => {
  it('prefers grafana/prometheus/prometheus.yml and reports none when the repo has none', () => {
    const repo = join(scratch, 'repo');
    expect(findPrometheusConfig(repo)).toBeUndefined();
    mkdirSync(join(repo, 'grafana', 'prometheus'), { recursive: true });
    writeFileSync(join(repo, 'grafana', 'prometheus', 'prometheus.yml'), 'scrape_configs: []\n');
    expect(findPrometheusConfig(repo)).toBe(join(repo, 'grafana', 'prometheus', 'prometheus.yml'));
  });
});
