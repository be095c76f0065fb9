import type { Artifact, Semver, Signature, Stage } from '@ledger/contracts';

/** What a service knows of one model version, from the registry's events alone. */
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
