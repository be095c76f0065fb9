import { CommandMetadata, ForbiddenError, Permission, PERMISSIONS } from '@ledger/contracts';
import { permissionOn } from './model-access.policy';
import { Queryable } from '@ledger/eventstore';
import type { Subject } from '@ledger/platform';
import type { ModelAccess, ModelCommand } from '../model';
import { findModelAccess, readableBy } from './model-access.projection';

/** What the registry needs to check permissions: who acts, and what a principal without a grant may do. */
export interface RegistryAccess {
  subjectOf(metadata: CommandMetadata): Promise<Subject | undefined>;
  defaultPermission: Permission;
}

/**
 * The access a model command is decided with (undefined: authentication off). Promotions carry
 * who registered the version, for separation of duties; it is read from the versions read
 * model, written in the transaction that created the version and never changed.
 */
export async function accessFor(
  db: Queryable,
  access: RegistryAccess,
  modelId: string,
  command: Pick<ModelCommand, 'type' | 'data' | 'metadata'>,
): Promise<ModelAccess | undefined> {
  const subject = await access.subjectOf(command.metadata);
  if (!subject) return undefined;
  const promoted = promotedVersion(command);
  const registeredBy = promoted === undefined ? undefined : await registrarOf(db, modelId, promoted);
  return { subject, defaultPermission: access.defaultPermission, registeredBy };
}

function promotedVersion(command: Pick<ModelCommand, 'type' | 'data'>): number | undefined {
  if (command.type !== 'SetModelAlias' && command.type !== 'TransitionModelVersionStage') return undefined;
  return (command.data as { version: number }).version;
}

async function registrarOf(db: Queryable, modelId: string, version: number): Promise<string | null> {
  const rows: { registered_by: string }[] = await db.query(
    `SELECT registered_by FROM model_versions WHERE model_id = $1 AND version = $2`,
    [modelId, version],
  );
  return rows[0]?.registered_by || null;
}

/**
 * Refuses early, from the read model, what the aggregate would refuse anyway (an upload is
 * checked before its bytes are read); the aggregate's own check still decides.
 */
export async function requirePermission(
  registry: { db: Queryable; access: RegistryAccess },
  metadata: CommandMetadata,
  modelId: string,
  name: string,
  needed: Permission,
): Promise<void> {
  const subject = await registry.access.subjectOf(metadata);
  if (!subject) return;
  const { permissions } = await findModelAccess(registry.db, modelId);
  const held = permissionOn({ permissions }, { subject, defaultPermission: registry.access.defaultPermission });
  if (PERMISSIONS.indexOf(held) < PERMISSIONS.indexOf(needed))
    throw new ForbiddenError(`${subject.name} has ${held} on registered model "${name}"; this needs ${needed}`, {
      name,
    });
}

/** A reader of the read models: everyone but admins sees only models they may read. */
export interface Reader {
  name: string;
  defaultPermission: Permission;
}

export const readerOf = (subject: Subject | undefined, defaultPermission: Permission): Reader | undefined =>
  subject && !subject.roles.includes('admin') ? { name: subject.name, defaultPermission } : undefined;

/** Refuses a read of one model its reader has NO_PERMISSIONS on. */
export async function requireReadable(db: Queryable, reader: Reader | undefined, modelId: string, name: string) {
  if (!reader) return;
  const { permissions } = await findModelAccess(db, modelId);
  if ((permissions[reader.name] ?? reader.defaultPermission) === 'NO_PERMISSIONS')
    throw new ForbiddenError(`${reader.name} may not read registered model "${name}"`, { name });
}

/** A search's extra condition: only models the reader may read (nothing for admins or with auth off). */
export function onlyReadable(
  reader: Reader | undefined,
  modelIdColumn: string,
  params: unknown[],
): { sql: string; params: unknown[] } {
  if (!reader) return { sql: 'TRUE', params };
  return {
    sql: readableBy(modelIdColumn, params.length + 1),
    params: [...params, reader.name, reader.defaultPermission],
  };
}
