import { EnvironmentNameSchema, ValidationError } from '@ledger/contracts';
import type { HttpResponse } from '@ledger/platform';
import { ModelFailedError } from './serving-requests';
import type { InferenceSettings } from './serving-settings';

export const ENVIRONMENT_HEADER = 'X-Ledger-Environment';
export const VERSION_HEADER = 'X-Ledger-Model-Version';

export type RequestHeaders = Record<string, string | string[] | undefined>;

/** The request's environment (its header, else the instance's default); stated on the response. */
export function environmentOf(headers: RequestHeaders, settings: InferenceSettings, res: HttpResponse): string {
  const given = headerOf(headers)(ENVIRONMENT_HEADER);
  const environment = given ?? settings.defaultEnvironment;
  if (!EnvironmentNameSchema.safeParse(environment).success)
    throw new ValidationError(
      `${ENVIRONMENT_HEADER}: "${environment}" is not an environment name (a lower-case DNS label)`,
    );
  res.setHeader(ENVIRONMENT_HEADER, environment);
  return environment;
}

export const headerOf =
  (headers: RequestHeaders) =>
  (name: string): string | undefined => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };

export function versionOf(raw: string): number {
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new ValidationError(`version: "${raw}" is not a version number (1, 2, …)`);
  return Number(raw);
}

export const servedBy = (res: HttpResponse) => (version: number) => res.setHeader(VERSION_HEADER, String(version));

/**
 * The one 5xx of the inference routes: the model failed on input that fit it. Answered here with
 * the reason (a model's failure is not a bug of this server, so the generic 500 would hide it).
 */
export function answerModelFailure(error: unknown, res: HttpResponse) {
  if (!(error instanceof ModelFailedError)) throw error;
  res.status(500);
  return { error_code: 'INTERNAL_ERROR', message: error.message, error: error.message };
}
