import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768–60999 by default), where every outgoing connection (to
// PostgreSQL, Kafka, …) takes its local port: a port the OS handed out as free (listen on 0) can
// be taken by such a connection before the service binds it. Each Jest worker (or process)
// draws from its own block, so two test files running at once never pick the same port.
const LOW = 10_000;
const BLOCK = 1_500;
const BLOCKS = 15;
/** Where this process looks next within its block (an offset, so successive calls do not repeat a port). */
let next: number | undefined;

function blockStart(): number {
  const worker = Number(process.env.JEST_WORKER_ID);
  const block = Number.isInteger(worker) && worker > 0 ? (worker - 1) % BLOCKS : process.pid % BLOCKS;
  return LOW + block * BLOCK;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nothing listens on now, for a service a test or the embedded runner starts next. */
export async function freePort(): Promise<number> {
  const start = blockStart();
  let offset = next ?? process.pid % BLOCK;
  for (let tries = 0; tries < BLOCK; tries++, offset++) {
    const port = start + (offset % BLOCK);
    if (await bindable(port)) {
      next = offset + 1;
      return port;
    }
  }
  throw new Error(`no free port in ${start}..${start + BLOCK - 1}`);
}
