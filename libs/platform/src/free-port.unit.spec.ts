import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('a free port for a service under test', () => {
  it('is below the ephemeral range outgoing connections use, never the same twice, and bindable', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(32_768);
    }
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    // Held now: the next port skips it.
    expect(await freePort()).not.toBe(ports[0]);
    await new Promise((resolve) => server.close(resolve));
  });
});
