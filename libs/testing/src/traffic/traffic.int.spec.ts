import { AddressInfo } from 'node:net';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { eventually } from '../eventually';
import { startTraffic, Traffic } from './traffic';
import { failureShare, failuresByVersion, versionsByKey } from './traffic-summary';

/** What the test's own server saw and answered, to hold the generator's report against. */
interface Seen {
  body: string;
  key: string | undefined;
  status: number;
  version: string;
}

const STICKY = 'x-route-key';
const STICKY_VERSIONS: Record<string, string> = { alice: '1', bob: '2', carol: '2' };

/**
 * A stand-in serving endpoint: answers alternate between versions 1 and 2 (a sticky key always
 * gets its own version), and every fifth answer is a 503.
 */
function versionedServer(seen: Seen[], hold?: Promise<void>): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      await hold;
      const key = request.headers[STICKY] as string | undefined;
      const version = key ? STICKY_VERSIONS[key] : String((seen.length % 2) + 1);
      const status = seen.length % 5 === 4 ? 503 : 200;
      seen.push({ body: Buffer.concat(chunks).toString(), key, status, version });
      response.writeHead(status, { 'content-type': 'application/json', 'x-ledger-model-version': version });
      response.end(JSON.stringify({ outputs: [] }));
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/models/m/infer`;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('a steady traffic generator against a server that names the version answering', () => {
  let server: Server | undefined;
  let traffic: Traffic | undefined;
  afterEach(async () => {
    await traffic?.stop();
    if (server) await close(server);
    traffic = server = undefined;
  });

  it('records one response per request the server saw, with its status and version', async () => {
    const seen: Seen[] = [];
    server = versionedServer(seen);
    const bodies = [{ row: 0 }, { row: 1 }, { row: 2 }];
    traffic = startTraffic({ url: await listen(server), bodies, ratePerSec: 200, concurrency: 8 });
    await eventually(() => expect(traffic!.snapshot().responses.length).toBeGreaterThanOrEqual(60));
    const report = await traffic.stop();

    expect(report.inFlight).toBe(0);
    expect(report.responses).toHaveLength(seen.length);
    expect(report.responses.map((r) => r.seq).sort((a, b) => a - b)).toEqual(seen.map((_, i) => i));
    const tally: Record<string, { requests: number; failed: number }> = {};
    for (const { version, status } of seen) {
      tally[version] ??= { requests: 0, failed: 0 };
      tally[version].requests++;
      if (status !== 200) tally[version].failed++;
    }
    expect(failuresByVersion(report.responses)).toEqual(tally);
    expect(failureShare(report.responses)).toBe(seen.filter((s) => s.status !== 200).length / seen.length);
    // Bodies go in turn: each sent as often as the others, give or take the last round.
    const perBody = bodies.map((b) => seen.filter((s) => s.body === JSON.stringify(b)).length);
    expect(Math.max(...perBody) - Math.min(...perBody)).toBeLessThanOrEqual(1);
  });

  it('sends sticky keys in turn and records each response under its key', async () => {
    const seen: Seen[] = [];
    server = versionedServer(seen);
    const keys = Object.keys(STICKY_VERSIONS);
    traffic = startTraffic({
      url: await listen(server),
      body: {},
      sticky: { header: STICKY, keys },
      ratePerSec: 200,
      concurrency: 4,
    });
    await eventually(() => expect(traffic!.snapshot().responses.length).toBeGreaterThanOrEqual(30));
    const report = await traffic.stop();

    expect(versionsByKey(report.responses)).toEqual({ alice: ['1'], bob: ['2'], carol: ['2'] });
    for (const key of keys)
      expect(report.responses.filter((r) => r.key === key)).toHaveLength(seen.filter((s) => s.key === key).length);
  });

  it('counts requests the rate called for while `concurrency` were waiting as not sent', async () => {
    const seen: Seen[] = [];
    let release = () => {};
    server = versionedServer(seen, new Promise<void>((resolve) => (release = resolve)));
    traffic = startTraffic({ url: await listen(server), body: {}, ratePerSec: 500, concurrency: 3 });
    await eventually(() => {
      const snapshot = traffic!.snapshot();
      expect(snapshot.inFlight).toBe(3);
      expect(snapshot.notSent).toBeGreaterThan(0);
    });
    release();
    const report = await traffic.stop();

    expect(report.inFlight).toBe(0);
    expect(report.responses.length).toBe(seen.length);
    expect(report.responses.length).toBeGreaterThanOrEqual(3);
  });

  it('records a request that got no answer as status 0 with the reason, version null', async () => {
    server = createServer();
    const url = await listen(server);
    await close(server);
    server = undefined;
    traffic = startTraffic({ url, body: {}, ratePerSec: 100, concurrency: 2 });
    await eventually(() => expect(traffic!.snapshot().responses.length).toBeGreaterThanOrEqual(5));
    const report = await traffic.stop();

    expect(failureShare(report.responses)).toBe(1);
    expect(report.responses[0]).toMatchObject({
      status: 0,
      version: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
