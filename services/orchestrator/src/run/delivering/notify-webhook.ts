import { createHmac } from 'node:crypto';
import { Command } from '@ledger/contracts';
import type { NotifyOutcome, RunSend } from '../run-messages';

export type NotifyWebhook = Extract<RunSend, { type: 'NotifyWebhook' }>;

export const SIGNATURE_HEADER = 'X-Ledger-Signature';
export const DELIVERY_HEADER = 'X-Ledger-Delivery';
const DEFAULT_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of the body>`, as GitHub signs its webhooks: the receiver recomputes it. */
export const signatureOf = (body: string, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface NotifyOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * The notify step's HTTP call: the JSON body, signed when the step names a secret that is set,
 * with the commandId as delivery id (a receiver dedupes on it). One attempt: the step's retries
 * are the workflow's, so whatever happened is its NotifyOutcome.
 */
export async function callWebhook(
  command: Command & NotifyWebhook,
  options: NotifyOptions = {},
): Promise<NotifyOutcome['data']> {
  const { runId, commandId, url, secretEnv } = command.data;
  const body = JSON.stringify(command.data.body);
  const secret = secretEnv ? (options.env ?? process.env)[secretEnv] : undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json', [DELIVERY_HEADER]: commandId };
  if (secret) headers[SIGNATURE_HEADER] = signatureOf(body, secret);
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { runId, commandId, ok, status: response.status, error: ok ? null : `answered ${response.status}` };
  } catch (error) {
    return { runId, commandId, ok: false, status: null, error: (error as Error).message };
  }
}
