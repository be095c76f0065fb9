import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiErrors, ErrorBody, openApiSchema } from '@ledger/platform';

/** A version segment of an inference path: what `versionOf` takes, no more. */
export const InferenceVersionSegment = z.string().regex(/^[1-9]\d{0,8}$/);

const NOT_SERVED: ErrorBody = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'model "churn" takes no traffic in production',
};
const REPLACING: ErrorBody = { error_code: 'INVALID_STATE', message: 'version 3 of "churn" is replacing a replica' };
const MODEL_FAILED: ErrorBody = {
  error_code: 'INTERNAL_ERROR',
  message: 'version 3 of "churn" failed on this input: …',
};

/** The path's version: a positive whole number (400 otherwise, naming it). */
export const InferenceVersionParam = () =>
  ApiParam({ name: 'version', example: '3', schema: openApiSchema(InferenceVersionSegment) });

/** Metadata: 404 when the environment, model or version is not served here. */
export const MetadataAnswers = () => ApiErrors({ 404: NOT_SERVED });

/** Readiness: 404 as metadata, 409 while a replica of the version is being replaced. */
export const ReadinessAnswers = () => ApiErrors({ 404: NOT_SERVED, 409: REPLACING });

/** Inference: 404 as metadata, 500 when the model itself failed on input that fit it. */
export const InferenceAnswers = () => applyDecorators(ApiErrors({ 404: NOT_SERVED, 500: MODEL_FAILED }));
