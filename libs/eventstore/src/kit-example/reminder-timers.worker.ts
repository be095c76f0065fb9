// A real process for the timer crash test: runs the reminder workflow's timers and outbox on the
// system clock against KIT_DB until the test kills it with SIGKILL.
import { openDatabase } from '../database';
import { systemClock } from '../time/clock';
import { kitServices } from './kit-wiring';

async function main(): Promise<void> {
  const url = process.env.KIT_DB;
  if (!url) throw new Error('KIT_DB is required');
  const db = await openDatabase({ url, poolSize: 6 });
  const kit = kitServices(db, systemClock, url, 200);
  await kit.start();
  process.send?.('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
