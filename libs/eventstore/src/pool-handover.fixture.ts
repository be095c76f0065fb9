// A process taking one connection from a pool made with poolOptions, as TypeORM takes it: its
// own 'error' listener comes a microtask after the handover. Prints how its query ended; an
// 'error' event with nobody listening would end it with code 1 first.
import { Pool, PoolClient } from 'pg';
import { poolOptions } from './database';

async function main(port: number): Promise<void> {
  const pool = new Pool({ host: '127.0.0.1', port, user: 'ledger', database: 'ledger', ...poolOptions(1) });
  pool.on('error', () => undefined);
  const client = await new Promise<PoolClient>((taken, failed) =>
    pool.connect((error, connection) =>
      error ? failed(error) : void Promise.resolve().then(() => taken(connection!)),
    ),
  );
  const outcome = await client.query('SELECT 1').then(
    () => 'query answered',
    (error: Error) => `query failed: ${error.message}`,
  );
  client.release(true);
  await pool.end();
  console.log(outcome);
}

void main(Number(process.argv[2]));
