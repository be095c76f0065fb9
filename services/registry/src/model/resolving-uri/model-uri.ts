import { canonicalStage, Stage, ValidationError } from '@ledger/contracts';

export type VersionSelector =
  | { kind: 'version'; version: number }
  | { kind: 'stage'; stage: Stage }
  | { kind: 'latest' }
  | { kind: 'alias'; alias: string }
  | { kind: 'label'; label: string };

/** `@label:<label>` names a version by the label its team chose; aliases can never contain ":". */
export const LABEL_PREFIX = 'label:';

export interface ModelUri {
  name: string;
  selector: VersionSelector;
}

const PREFIX = 'models:/';
const INT_MAX = 2_147_483_647;

/**
 * MLflow's model URIs: `models:/<name>/<version>`, `models:/<name>/<stage>` (any case),
 * `models:/<name>/latest` and `models:/<name>@<alias>` (`@latest` is the latest version); `models:/<name>@label:<label>`
 * is the version a team labelled so (e.g. `@label:1.0.0`, `@label:20240226`). Names never contain "/", so the last
 * "/" separates name and selector; without one, the last "@" separates name and alias.
 */
export function parseModelUri(uri: string): ModelUri {
  const invalid = (why: string) => new ValidationError(`uri "${uri}": ${why}`, { uri });
  if (!uri.startsWith(PREFIX)) throw invalid('must start with "models:/"');
  const path = uri.slice(PREFIX.length);
  const slash = path.lastIndexOf('/');
  if (slash >= 0) {
    const [name, suffix] = [path.slice(0, slash), path.slice(slash + 1)];
    if (!name || !suffix) throw invalid('expected models:/<name>/<version|stage|latest>');
    return { name, selector: selectorOf(suffix, invalid) };
  }
  const at = path.lastIndexOf('@');
  if (at <= 0 || at === path.length - 1)
    throw invalid('expected models:/<name>/<version|stage|latest> or models:/<name>@<alias>');
  const alias = path.slice(at + 1);
  // `latest` can never be set as an alias; MLflow answers `@latest` with the latest version.
  const name = path.slice(0, at);
  if (alias.startsWith(LABEL_PREFIX))
    return { name, selector: { kind: 'label', label: alias.slice(LABEL_PREFIX.length) } };
  return { name, selector: alias.toLowerCase() === 'latest' ? { kind: 'latest' } : { kind: 'alias', alias } };
}

function selectorOf(suffix: string, invalid: (why: string) => Error): VersionSelector {
  if (/^\d+$/.test(suffix)) {
    const version = Number(suffix);
    if (version < 1 || version > INT_MAX) throw invalid('version must be a positive integer');
    return { kind: 'version', version };
  }
  if (suffix.toLowerCase() === 'latest') return { kind: 'latest' };
  const stage = canonicalStage(suffix);
  if (stage) return { kind: 'stage', stage };
  throw invalid(`"${suffix}" is not a version number, a stage (None, Staging, Production, Archived) or "latest"`);
}
