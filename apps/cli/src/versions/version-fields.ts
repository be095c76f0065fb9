import type { Colours } from '../printing/colours';
import { fields } from '../printing/output';
import type { VersionView } from './version-view';

/** One version as two columns: the facts a promotion or alias change is checked against. */
export function versionFields(colours: Colours, v: VersionView): string {
  return fields(colours, [
    ['Model', v.name],
    ['Version', v.version],
    ['Stage', v.stage],
    ['Aliases', v.aliases.map((a) => `@${a}`).join(' ')],
    ['Label', v.semver?.label],
    ['Source', v.source],
    ['Run', v.runId],
    ['Artifact sha256', v.artifact?.sha256],
    [
      'Metrics',
      Object.entries(v.metrics)
        .map(([k, value]) => `${k}=${value}`)
        .join(', '),
    ],
  ]);
}
