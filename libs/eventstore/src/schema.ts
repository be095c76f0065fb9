import { DataSource } from 'typeorm';

/**
 * Migrations run at start-up, in order, each once (recorded in ledger_migrations), under an
 * advisory lock so several instances of a service can start at the same time.
 */
const MIGRATIONS: { id: string; sql: string }[] = [
  {
    id: '001-event-log',
    sql: `
CREATE TABLE streams (
  stream_id   text PRIMARY KEY,
  stream_type text NOT NULL,
  version     bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE events (
  global_position bigserial PRIMARY KEY,
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text NOT NULL,
  stream_position bigint NOT NULL,
  event_id        uuid NOT NULL UNIQUE,
  event_type      text NOT NULL,
  schema_version  int NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, stream_position)
);
CREATE INDEX events_commit_order ON events (transaction_id, global_position);

-- Invariant 1: the log is append-only. Corrections are new events.
CREATE FUNCTION ledger_reject_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION ledger_reject_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_event_change();

CREATE FUNCTION ledger_notify_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ledger_events', '');
  RETURN NULL;
END $$;
CREATE TRIGGER events_notify AFTER INSERT ON events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_notify_append();

CREATE TABLE checkpoints (
  name            text PRIMARY KEY,
  transaction_id  xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE snapshots (
  stream_id      text PRIMARY KEY,
  stream_version bigint NOT NULL,
  schema_version int NOT NULL,
  state          jsonb NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- Exactly-once effects: a consumer records each message id in the same transaction as its effect.
CREATE TABLE processed_messages (
  consumer     text NOT NULL,
  message_id   text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);
-- Where each consumer is in each partition, stored with its effect, so a restart resumes here.
CREATE TABLE consumer_offsets (
  consumer   text NOT NULL,
  topic      text NOT NULL,
  partition  int NOT NULL,
  "offset"   text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, topic, partition)
);
`,
  },
  {
    // Writers announce after commit instead (wake-up.ts): a NOTIFY in the appending transaction
    // holds PostgreSQL's global notify lock through the commit flush and serialises all writers.
    id: '002-notify-after-commit',
    sql: `DROP TRIGGER events_notify ON events; DROP FUNCTION ledger_notify_append();`,
  },
  {
    // Which definition of each inline read model wrote its rows (see rebuildChangedInline).
    id: '003-projection-versions',
    sql: `CREATE TABLE projection_versions (name text PRIMARY KEY, version int NOT NULL, rebuilt_at timestamptz NOT NULL DEFAULT now());`,
  },
  {
    // What each commandId appended, written with the append: a resend answers as its first run did.
    id: '004-command-results',
    sql: `CREATE TABLE command_results (
  command_id  text PRIMARY KEY,
  stream_id   text NOT NULL,
  event_ids   uuid[] NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);`,
  },
  {
    // Durable timers, stored with the decision that sets them, and the commands workflows send,
    // stored with the decision that sends them (the dispatcher drains them, at least once).
    id: '005-timers-and-outbox',
    sql: `
CREATE TABLE scheduled (
  timer_id   text PRIMARY KEY,
  owner      text NOT NULL,
  stream_id  text NOT NULL,
  local_id   text NOT NULL,
  due_at     timestamptz NOT NULL,
  payload    jsonb NOT NULL,
  status     text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'fired', 'cancelled', 'failed')),
  attempts   int NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  fired_at   timestamptz
);
CREATE INDEX scheduled_due ON scheduled (owner, due_at) WHERE status = 'scheduled';
CREATE INDEX scheduled_by_stream ON scheduled (stream_id, local_id) WHERE status = 'scheduled';
CREATE TABLE command_outbox (
  position      bigserial PRIMARY KEY,
  command_id    text NOT NULL UNIQUE,
  sender        text NOT NULL,
  origin        text NOT NULL,
  command       jsonb NOT NULL,
  attempts      int NOT NULL DEFAULT 0,
  last_error    text,
  retry_at      timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz,
  given_up_at   timestamptz
);
CREATE INDEX command_outbox_pending ON command_outbox (sender, position) WHERE dispatched_at IS NULL AND given_up_at IS NULL;
`,
  },
  {
    // Deliveries are leased, not row-locked: a slow receiver (a validator evaluating a check for
    // seconds) must not keep a transaction open, which would hold back every commit-order reader
    // on the server. A lease that runs out (its holder crashed) is delivered again.
    id: '006-outbox-leases',
    sql: `ALTER TABLE command_outbox ADD COLUMN leased_until timestamptz, ADD COLUMN lease_id text;`,
  },
  {
    // Events a projection failed on past its retry budget (projection-parking.ts): set aside,
    // its checkpoint moved past them in the same transaction, so one bad event stalls nothing.
    id: '007-parked-events',
    sql: `CREATE TABLE parked_events (
  projection      text NOT NULL,
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  stream_id       text NOT NULL,
  global_position bigint NOT NULL,
  error           text NOT NULL,
  attempts        int NOT NULL,
  parked_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, event_id)
);`,
  },
];

export interface Migration {
  id: string;
  sql: string;
}

export async function migrate(db: DataSource, extra: Migration[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(7421001)`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ledger_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set<string>(
      (await tx.query(`SELECT id FROM ledger_migrations`)).map((r: { id: string }) => r.id),
    );
    for (const migration of [...MIGRATIONS, ...extra]) {
      if (applied.has(migration.id)) continue;
      await tx.query(migration.sql);
      await tx.query(`INSERT INTO ledger_migrations (id) VALUES ($1)`, [migration.id]);
    }
  });
}
