export type { VersionFacts } from '@ledger/registry-knowledge';

/** A baseline reference as the run records it: `alias:champion|stage:Production`. */
export const baselineKey = (ref: { alias?: string; stage?: string }): string =>
  [ref.alias === undefined ? [] : [`alias:${ref.alias}`], ref.stage === undefined ? [] : [`stage:${ref.stage}`]]
    .flat()
    .join('|');

/** The reference back from its key. */
export const baselineRefOfKey = (key: string): { alias?: string; stage?: string } =>
  Object.fromEntries(
    key.split('|').map((part) => [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1)]),
  );
