import { PipelineStepSchema } from '@ledger/contracts';
import { z } from 'zod';
import type { PipelineDefinition, PipelineStep } from '@ledger/contracts';

type Parameters = PipelineDefinition['parameters'];
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** What names and shapes the graph: never filled. */
const STRUCTURAL = new Set(['id', 'type', 'needs']);

/** The steps with their placeholders filled, or the first step that cannot be and why. */
export type Filled = { ok: true; steps: PipelineStep[] } | { ok: false; stepId: string; reason: string };

function fillValue(value: unknown, parameters: Parameters, missing: Set<string>): unknown {
  if (typeof value === 'string')
    return value.replace(PLACEHOLDER, (text, name: string) => {
      if (parameters[name] === undefined) missing.add(name);
      return parameters[name] === undefined ? text : String(parameters[name]);
    });
  if (Array.isArray(value)) return value.map((v) => fillValue(v, parameters, missing));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, parameters, missing)]));
  return value;
}

function fillStep(step: PipelineStep, parameters: Parameters): { step?: PipelineStep; reason?: string } {
  const missing = new Set<string>();
  const raw = Object.fromEntries(
    Object.entries(step).map(([k, v]) => [k, STRUCTURAL.has(k) ? v : fillValue(v, parameters, missing)]),
  );
  if (missing.size > 0)
    return { reason: `step ${step.id} names unknown parameters: ${[...missing].map((m) => `\${${m}}`).join(', ')}` };
  const parsed = PipelineStepSchema.safeParse(raw);
  if (!parsed.success)
    return { reason: `step ${step.id} after filling its parameters: ${z.prettifyError(parsed.error)}` };
  return { step: parsed.data };
}

/** Fills `${name}` in every string of every step from the parameters (a run's overrides over the pipeline's defaults). */
export function fillParameters(steps: PipelineStep[], parameters: Parameters): Filled {
  const filled: PipelineStep[] = [];
  for (const step of steps) {
    const result = fillStep(step, parameters);
    if (!result.step) return { ok: false, stepId: step.id, reason: result.reason! };
    filled.push(result.step);
  }
  return { ok: true, steps: filled };
}
