import { ARCHIVING_STAGES, STAGES } from '@ledger/contracts';
import { anyWordPattern } from '@ledger/platform';

/** A stage as canonicalStage takes it: None, Staging, Production or Archived, in any case. */
export const STAGE_SCHEMA = { type: 'string', pattern: `^${anyWordPattern(STAGES)}$` };

/**
 * The decider's rule between two body fields, for documents: archiving the other versions is
 * only allowed into Staging or Production (the flag is absent, false or null, or the stage is one of them).
 */
export const archivingRule = (flag: string, stage: string) => ({
  anyOf: [
    { properties: { [flag]: { enum: [false, null] } } },
    { properties: { [stage]: { type: 'string', pattern: `^${anyWordPattern(ARCHIVING_STAGES)}$` } } },
  ],
});
