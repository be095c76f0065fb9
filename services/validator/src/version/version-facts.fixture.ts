// Versions as the validator knows them, for the specs of checks and runs.
import { VersionFacts } from './version-facts';

export const MODEL_ID = '0193a3c4-0000-7000-8000-000000000001';

export const versionFacts = (version: number, overrides: Partial<VersionFacts> = {}): VersionFacts => ({
  modelId: MODEL_ID,
  name: 'churn',
  version,
  source: `s3://models/churn/${version}`,
  runId: `run-${version}`,
  runLink: '',
  description: '',
  framework: 'sklearn',
  tags: {},
  metrics: {},
  params: {},
  signature: null,
  artifact: null,
  semver: null,
  stage: 'None',
  aliases: [],
  registeredAt: '2026-11-22T12:00:00.000Z',
  ...overrides,
});
