import type { Artifact, Semver, Signature, Stage } from '@ledger/contracts';

/** What the validator knows of one model version, from the registry's events alone. */
export interface VersionFacts {
  modelId: string;
  name: string;
  version: number;
  source: string;
  runId: string;
  runLink: string;
  description: string;
  framework: string;
  tags: Record<string, string>;
  metrics: Record<string, number>;
  params: Record<string, string>;
  signature: Signature | null;
  artifact: Artifact | null;
  semver: Semver | null;
  stage: Stage;
  /** The aliases pointing at it now. */
  aliases: string[];
  registeredAt: string;
}

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
