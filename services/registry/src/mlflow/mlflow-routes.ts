/**
 * MLflow clients call either prefix (the UI uses ajax-api); both reach the same handlers. Only
 * the first is in the OpenAPI document: listing every operation twice would say nothing new.
 */
export const MLFLOW_API_PREFIX = 'api/2.0/mlflow';
export const MLFLOW_AJAX_PREFIX = 'ajax-api/2.0/mlflow';

export const MLFLOW_TAG = 'mlflow-compatible';
