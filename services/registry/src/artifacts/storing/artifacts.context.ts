import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ServiceMetrics } from '@ledger/platform';
import type { RegistryContext } from '../../registry.context';
import { ArtifactsSettings } from '../artifacts.config';
import { BlobStore, LocalBlobStore } from '@ledger/blobs';
import { BlobClaims } from './blob-claims';

export const ARTIFACTS = Symbol('artifacts-context');

export type CorruptionReason = 'digest' | 'missing';

/** What the artifact slices share: the read model's database, the model aggregate, the store and the limits. */
export interface ArtifactsContext {
  db: DataSource;
  /** The command handler an upload records its ArtifactAttached through. */
  registry: RegistryContext;
  store: BlobStore;
  maxBytes: number;
  /** Digests uploads (in any process) have published but not yet attached: never discard those. */
  claims: BlobClaims;
  /** ledger_artifact_digest_mismatch_total: stored bytes that no longer match their digest. */
  corruptions: Counter<'reason'>;
}

const CORRUPTIONS_METRIC = 'ledger_artifact_digest_mismatch_total';

export function createArtifactsContext(
  registry: RegistryContext,
  metrics: ServiceMetrics,
  settings: ArtifactsSettings,
): ArtifactsContext {
  // One counter per metrics registry, even when an app is created twice on the same registry.
  const existing = metrics.registry.getSingleMetric(CORRUPTIONS_METRIC) as Counter<'reason'> | undefined;
  const corruptions =
    existing ??
    new Counter({
      name: CORRUPTIONS_METRIC,
      help: 'Artifact reads (download or verify) whose stored bytes did not match the recorded sha256, by reason (digest, missing)',
      labelNames: ['reason'] as const,
      registers: [metrics.registry],
    });
  return {
    db: registry.db,
    registry,
    store: new LocalBlobStore(settings.dir),
    maxBytes: settings.maxBytes,
    claims: new BlobClaims(registry.db),
    corruptions,
  };
}
