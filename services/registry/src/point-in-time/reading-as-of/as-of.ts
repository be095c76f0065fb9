import { ApiQuery } from '@nestjs/swagger';
import { openApiSchema } from '@ledger/platform';
import { NotFoundError, Stage, ValidationError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { z } from 'zod';
import { modelIdAt } from '../../auditing/model-name-history.projection';
import type { ModelView } from '../../model/getting-model/registered-models.projection';
import type { VersionView } from '../../model/listing-versions/version-view';
import { latestPerStageOf, modelOf, versionByAliasOf, versionOf } from '../history-queries';
import { foldHistory } from '../history-view';
import { latestPerStageCandidates, StageChange } from '../stage-candidates';
import { aliasTargetAt, modelEventsAt, stageChangesAt, versionEventsAt } from './history-events';

// An ISO-8601 date-time with an explicit offset (Z or ±hh:mm), or a plain date (midnight UTC).
const AsOfSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** `?asOf=` → a normalised instant; absent → undefined (answer from the current read models). */
export function parseAsOf(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const parsed = AsOfSchema.safeParse(value);
  const instant = parsed.success ? new Date(parsed.data) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new ValidationError('asOf: must be an ISO-8601 date-time such as 2026-03-03T14:00:00Z', {
      asOf: String(value),
    });
  }
  return instant.toISOString();
}

export const AsOfQuery = () =>
  ApiQuery({
    name: 'asOf',
    required: false,
    description:
      'Answer as of this moment (ISO-8601), computed from the event log: names, versions, aliases and stages as they were then.',
    example: '2026-03-03T14:00:00Z',
    schema: openApiSchema(AsOfSchema),
  });

/** The model that had this name then, or RESOURCE_DOES_NOT_EXIST. */
async function modelIdAtOrFail(on: Queryable, name: string, asOf: string): Promise<string> {
  const modelId = await modelIdAt(on, name, asOf);
  if (!modelId) throw new NotFoundError(`registered model "${name}" did not exist at ${asOf}`, { name, asOf });
  return modelId;
}

// Each answer folds, with the one history view, only the events that can shape it (see history-events.ts).
export async function modelAsOf(on: Queryable, name: string, asOf: string): Promise<ModelView> {
  const modelId = await modelIdAtOrFail(on, name, asOf);
  const model = modelOf(foldHistory(await modelEventsAt(on, modelId, asOf)));
  if (!model) throw new NotFoundError(`registered model "${name}" did not exist at ${asOf}`, { name, asOf });
  return model;
}

export async function versionAsOf(on: Queryable, name: string, version: number, asOf: string): Promise<VersionView> {
  const modelId = await modelIdAtOrFail(on, name, asOf);
  const found = versionOf(foldHistory(await versionEventsAt(on, modelId, asOf, [version])), version);
  if (!found)
    throw new NotFoundError(`version ${version} of registered model "${name}" did not exist at ${asOf}`, {
      name,
      version,
      asOf,
    });
  return found;
}

export async function versionByAliasAsOf(
  on: Queryable,
  name: string,
  alias: string,
  asOf: string,
): Promise<VersionView> {
  const modelId = await modelIdAtOrFail(on, name, asOf);
  const target = await aliasTargetAt(on, modelId, asOf, alias);
  const found =
    target === undefined
      ? undefined
      : versionByAliasOf(foldHistory(await versionEventsAt(on, modelId, asOf, [target])), alias);
  if (!found)
    throw new NotFoundError(`alias "${alias}" of registered model "${name}" did not exist at ${asOf}`, {
      name,
      alias,
      asOf,
    });
  return found;
}

export async function latestVersionsAsOf(
  on: Queryable,
  name: string,
  stages: Stage[],
  asOf: string,
): Promise<VersionView[]> {
  const modelId = await modelIdAtOrFail(on, name, asOf);
  const model = modelOf(foldHistory(await modelEventsAt(on, modelId, asOf)));
  if (!model) throw new NotFoundError(`registered model "${name}" did not exist at ${asOf}`, { name, asOf });
  const changes = (await stageChangesAt(on, modelId, asOf)) as StageChange[];
  const candidates = latestPerStageCandidates(model.latestVersion, changes, stages);
  if (candidates.length === 0) return [];
  // The fold also sees the model's last created version (it sets the model's fields) without the
  // rest of that version's history, so only the candidates may answer.
  return latestPerStageOf(foldHistory(await versionEventsAt(on, modelId, asOf, candidates)), stages, candidates);
}
