// The platform's JSON APIs as the bench calls them: a body is JSON, or raw bytes (an upload).
// The APIs' answers as the bench reads them: JSON it trusts the shape of (the e2e specs check them).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;

export async function call(
  url: string,
  method: string,
  body?: unknown,
  raw?: Buffer,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, {
    method,
    headers: raw
      ? { 'content-type': 'application/octet-stream' }
      : body === undefined
        ? {}
        : { 'content-type': 'application/json' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The answer's body, or an error naming the call and the answer. */
export async function ok(url: string, method: string, body?: unknown, raw?: Buffer): Promise<Json> {
  const answer = await call(url, method, body, raw);
  if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Polls until `probe` returns a value (not undefined), every pollMs, or fails after timeoutMs. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  { pollMs = 50, timeoutMs = 300_000 }: { pollMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, pollMs));
  }
}
