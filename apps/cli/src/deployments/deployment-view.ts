import type { Colours } from '../printing/colours';
import { statusColour } from '../printing/colours';
import { fields } from '../printing/output';

/** What the deployer answers to a steering request. */
export interface RolloutHandled {
  deploymentId: string | null;
  duplicate: boolean;
}

/** A rollout as GET /api/v1/deployments/{id} answers it (the fields shown). */
export interface DeploymentView {
  deploymentId: string;
  environment: string;
  name: string;
  version: number;
  strategy: { kind: string } | null;
  phase: string;
  stableVersion: number | null;
  step: number | null;
  weight: number | null;
  pausedReason: string | null;
  outcomeReason: string | null;
  /** The running rollout this one joined (absent from deployers older than joining). */
  joins?: string | null;
  endedAt: string | null;
}

export const targetPath = (env: string, model: string): string =>
  `/api/v1/environments/${encodeURIComponent(env)}/models/${encodeURIComponent(model)}`;

export function deploymentFields(colours: Colours, d: DeploymentView): string {
  return fields(colours, [
    ['Deployment', d.deploymentId],
    ['Target', `${d.name} v${d.version} → ${d.environment}`],
    ['Strategy', d.strategy?.kind],
    ['Phase', statusColour(colours, d.phase)],
    ...(d.joins ? [['Joined', `deployment ${d.joins}: it ends as that one ends`] as [string, string]] : []),
    ['Step', d.step],
    ['Weight', d.weight === null ? null : `${d.weight}%`],
    ['Stable version', d.stableVersion],
    ['Why', d.outcomeReason ?? d.pausedReason],
  ]);
}

export function handledText(what: string, handled: RolloutHandled): string {
  const id = handled.deploymentId ? ` (deployment ${handled.deploymentId})` : '';
  return `${what} accepted${id}${handled.duplicate ? ', already handled before' : ''}`;
}
