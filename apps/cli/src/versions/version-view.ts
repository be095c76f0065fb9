import type { Semver, Signature, Stage } from '@ledger/contracts';

/** A version as the registry's native API answers it (the fields the CLI reads). */
export interface VersionView {
  name: string;
  version: number;
  source: string;
  runId: string;
  description: string;
  tags: Record<string, string>;
  metrics: Record<string, number>;
  params: Record<string, string>;
  signature: Signature | null;
  artifact: { sha256: string; sizeBytes: number; uri: string } | null;
  semver: Semver | null;
  stage: Stage;
  aliases: string[];
  createdAt: string;
}

export const modelPath = (model: string): string => `/api/v1/models/${encodeURIComponent(model)}`;
