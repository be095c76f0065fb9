import { Migration } from '@ledger/eventstore';

/**
 * A service's own picture of the registry: models, versions (with what they claim), aliases. The
 * id is the service's (each orders it among its own migrations; the validator's predates this lib).
 */
export const registryKnowledgeMigration = (id: string): Migration => ({
  id,
  sql: `CREATE TABLE known_models (
    model_id uuid PRIMARY KEY,
    name     text NOT NULL,
    deleted  boolean NOT NULL DEFAULT false
  );
  CREATE INDEX known_models_by_name ON known_models (name) WHERE NOT deleted;
  CREATE TABLE known_versions (
    model_id      uuid NOT NULL,
    version       int NOT NULL,
    source        text NOT NULL,
    run_id        text NOT NULL,
    run_link      text NOT NULL,
    description   text NOT NULL,
    framework     text NOT NULL,
    tags          jsonb NOT NULL,
    metrics       jsonb NOT NULL,
    params        jsonb NOT NULL,
    signature     jsonb,
    artifact      jsonb,
    semver        jsonb,
    stage         text NOT NULL DEFAULT 'None',
    stage_since   timestamptz NOT NULL,
    deleted       boolean NOT NULL DEFAULT false,
    registered_at timestamptz NOT NULL,
    PRIMARY KEY (model_id, version)
  );
  CREATE TABLE known_aliases (
    model_id uuid NOT NULL,
    alias    text NOT NULL,
    version  int NOT NULL,
    PRIMARY KEY (model_id, alias)
  );`,
});

export const KNOWLEDGE_TABLES = ['known_models', 'known_versions', 'known_aliases'] as const;
