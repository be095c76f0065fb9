import { z } from 'zod';

/** MLflow's stages, in their canonical spelling. */
export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];
export const StageSchema = z.enum(STAGES);

/**
 * Input is case-insensitive ("production", "PRODUCTION"), otherwise exact as MLflow's
 * get_canonical_stage (" Production" is no stage); output is always canonical.
 */
export function canonicalStage(input: string): Stage | undefined {
  return STAGES.find((stage) => stage.toLowerCase() === input.toLowerCase());
}

/** Only these stages may archive the versions already in them (MLflow's archive_existing_versions). */
export const ARCHIVING_STAGES: readonly Stage[] = ['Staging', 'Production'];
