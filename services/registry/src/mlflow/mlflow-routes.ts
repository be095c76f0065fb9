/** MLflow clients call either prefix (the UI uses ajax-api); both reach the same handlers. */
export const MLFLOW_PREFIXES = ['api/2.0/mlflow', 'ajax-api/2.0/mlflow'] as const;

export const mlflowPaths = (resource: string): string[] => MLFLOW_PREFIXES.map((prefix) => `${prefix}/${resource}`);
