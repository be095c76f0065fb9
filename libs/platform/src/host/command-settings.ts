/** How a service's command handler batches and sheds; the service's config wins over the environment. */
export interface CommandSettings {
  /** Command transactions running at once (COMMAND_MAX_IN_FLIGHT, default 2). */
  maxInFlight: number;
  /** Commands committed together, over all their models (COMMAND_MAX_BATCH, default 64). */
  maxBatch: number;
  /** Commands waiting before new ones are refused with 503 (COMMAND_MAX_WAITING, default 10,000). */
  maxWaiting: number;
}

export type CommandConfigInput = { commands?: Partial<CommandSettings> };

export const DEFAULT_COMMAND_SETTINGS: CommandSettings = { maxInFlight: 2, maxBatch: 64, maxWaiting: 10_000 };

const VARIABLES: Record<keyof CommandSettings, string> = {
  maxInFlight: 'COMMAND_MAX_IN_FLIGHT',
  maxBatch: 'COMMAND_MAX_BATCH',
  maxWaiting: 'COMMAND_MAX_WAITING',
};

export function commandSettings(given: CommandConfigInput, env: Record<string, string | undefined>): CommandSettings {
  const settings = { ...DEFAULT_COMMAND_SETTINGS };
  for (const key of Object.keys(VARIABLES) as (keyof CommandSettings)[]) {
    settings[key] = given.commands?.[key] ?? positiveInteger(env[VARIABLES[key]], VARIABLES[key]) ?? settings[key];
  }
  return settings;
}

// Like every variable of the env contract, a malformed value stops the service at start.
function positiveInteger(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}
