import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One alert of an Alertmanager webhook notification. */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** The JSON body Alertmanager POSTs to a `webhook_configs` URL (payload version 4). */
export interface WebhookNotification {
  version: string;
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

/** A webhook receiver: an HTTP server that keeps every notification posted to it. */
export interface WebhookReceiver {
  /** The URL to give Alertmanager. */
  url: string;
  /** Notifications in the order they arrived. */
  readonly notifications: readonly WebhookNotification[];
  /** Resolves with the first notification `match` accepts (one already received counts); rejects after `timeoutMs`. */
  waitFor(
    match: (notification: WebhookNotification) => boolean,
    timeoutMs: number,
  ): Promise<WebhookNotification>;
  close(): Promise<void>;
}

/** Starts a webhook receiver on 127.0.0.1 at a free port, answering every POST with 200. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const notifications: WebhookNotification[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      notifications.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookNotification);
      response.writeHead(200).end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/groqmeter-alerts`,
    notifications,
    waitFor(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = notifications.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching notification within ${timeoutMs} ms; received ${JSON.stringify(notifications.map((item) => item.commonLabels))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
