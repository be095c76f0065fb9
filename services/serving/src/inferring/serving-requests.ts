import { performance } from 'node:perf_hooks';
import { NotFoundError, ValidationError } from '@ledger/contracts';
import type { ServedVersion, ServingDataPlane } from '../runtime/create-serving-runtime';
import type { ModelSignature, WireFeeds } from '../runtime/replica-protocol';
import type { Outcome } from '../measuring/window-stats.domain';
import { chooseVersion } from '../routing/traffic-split.domain';
import type { Signature } from '@ledger/contracts';

/** The model failed on input that fit it: the version's fault, answered 500 and counted as its error. */
export class ModelFailedError extends Error {
  constructor(
    readonly served: ServedVersion,
    reason: string,
  ) {
    super(`version ${served.version} of model "${served.name}" failed to run: ${reason}`);
  }
}

export interface InferenceCall<Parsed extends { feeds: WireFeeds }> {
  name: string;
  environment: string;
  /** A version-pinned route's version; else the routing table chooses. */
  version?: number;
  /** A request header, for the table's sticky key. */
  header(name: string): string | undefined;
  /** Checks the protocol's body against the chosen version's model; throws ValidationError. */
  parse(model: ModelSignature, signature: Signature | null): Parsed;
  /** Told the version as soon as it is chosen (the response names it, even on refusal). */
  chosen(version: number): void;
}

/** The version a request goes to: the pinned one, or the routing table's choice. NotFoundError otherwise. */
export function chooseServedVersion(
  plane: ServingDataPlane,
  call: Pick<InferenceCall<never>, 'name' | 'environment' | 'version' | 'header'>,
): ServedVersion {
  const { name, environment } = call;
  if (!plane.loaded().some((v) => v.environment === environment))
    throw new NotFoundError(`environment "${environment}" serves no models here`);
  if (call.version !== undefined) {
    const pinned = plane.version({ name, environment, version: call.version });
    if (!pinned) throw new NotFoundError(`version ${call.version} of model "${name}" is not served in ${environment}`);
    return pinned;
  }
  const table = plane.traffic(name, environment);
  if (!table) throw new NotFoundError(`model "${name}" takes no traffic in ${environment}`);
  const key = table.stickyHeader ? call.header(table.stickyHeader) : undefined;
  const version = chooseVersion(table, key, plane.draw(name, environment));
  const served = plane.version({ name, environment, version });
  if (!served) throw new NotFoundError(`version ${version} of model "${name}" is not loaded in ${environment}`);
  return served;
}

/**
 * One inference: route, check the input against the chosen version, run it (batched), and
 * count the outcome for that version (rejected: bad input; error: the model failed). The table's
 * shadow version gets the same request on the side; its answer is only measured.
 */
export async function serveInference<Parsed extends { feeds: WireFeeds }>(
  plane: ServingDataPlane,
  call: InferenceCall<Parsed>,
): Promise<{ served: ServedVersion; parsed: Parsed; outputs: WireFeeds }> {
  const served = chooseServedVersion(plane, call);
  call.chosen(served.version);
  const started = performance.now();
  const record = (outcome: Outcome, shadow = false, version = served) =>
    measure(plane, version, outcome, performance.now() - started, shadow);
  let parsed: Parsed;
  try {
    parsed = call.parse(served.model, served.signature);
  } catch (error) {
    if (error instanceof ValidationError) record('rejected');
    throw error;
  }
  const table = call.version === undefined ? plane.traffic(call.name, call.environment) : null;
  if (table?.shadowVersion !== undefined && table.shadowVersion !== served.version)
    void shadow(plane, call, table.shadowVersion);
  try {
    const outputs = await served.infer(parsed.feeds);
    record('ok');
    return { served, parsed, outputs };
  } catch (error) {
    record('error');
    throw new ModelFailedError(served, error instanceof Error ? error.message : String(error));
  }
}

async function shadow<Parsed extends { feeds: WireFeeds }>(
  plane: ServingDataPlane,
  call: InferenceCall<Parsed>,
  version: number,
) {
  const target = plane.version({ name: call.name, environment: call.environment, version });
  if (!target) return;
  const started = performance.now();
  let outcome: Outcome = 'ok';
  try {
    await target.infer(call.parse(target.model, target.signature).feeds);
  } catch (error) {
    outcome = error instanceof ValidationError ? 'rejected' : 'error';
  }
  measure(plane, target, outcome, performance.now() - started, true);
}

function measure(plane: ServingDataPlane, served: ServedVersion, outcome: Outcome, ms: number, shadow: boolean) {
  plane.window.record(served.environment, served.name, served.version, outcome, ms, shadow);
  const labels = { model: served.name, version: String(served.version), environment: served.environment };
  plane.metrics.request(labels, outcome, ms, shadow);
}
