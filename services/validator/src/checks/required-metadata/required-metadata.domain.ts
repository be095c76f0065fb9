import type { PolicyCheckOf } from '@ledger/contracts';
import type { VersionFacts } from '../../version/version-facts';
import { CheckFinding, finding } from '../check-evaluator';

type Field = PolicyCheckOf<'required_metadata'>['fields'][number];

const present: Record<Field, (v: VersionFacts) => boolean> = {
  description: (v) => v.description.trim() !== '',
  source: (v) => v.source.trim() !== '',
  runId: (v) => v.runId.trim() !== '',
  runLink: (v) => v.runLink.trim() !== '',
  framework: (v) => v.framework.trim() !== '',
  params: (v) => Object.keys(v.params).length > 0,
  metrics: (v) => Object.keys(v.metrics).length > 0,
};

/** What the policy requires the version to carry and it does not: tags, fields, a signature, an artifact. */
export function missingMetadata(check: PolicyCheckOf<'required_metadata'>, version: VersionFacts): string[] {
  return [
    ...check.tags.filter((tag) => version.tags[tag] === undefined).map((tag) => `tag "${tag}"`),
    ...check.fields.filter((field) => !present[field](version)).map((field) => `field ${field}`),
    ...(check.signature && version.signature === null ? ['a signature'] : []),
    ...(check.artifact && version.artifact === null ? ['an artifact'] : []),
  ];
}

export function requiredMetadataFinding(
  check: PolicyCheckOf<'required_metadata'>,
  version: VersionFacts,
): CheckFinding {
  const missing = missingMetadata(check, version);
  const required = check.tags.length + check.fields.length + Number(check.signature) + Number(check.artifact);
  if (missing.length === 0)
    return finding('passed', `version ${version.version} carries all ${required} required metadata`, {
      details: { missing },
    });
  return finding('failed', `version ${version.version} lacks ${missing.join(', ')}`, {
    value: missing.length,
    threshold: 0,
    details: { missing },
  });
}
