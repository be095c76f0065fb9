export * from './random';
export * from './strings';
export * from './json-schema-value';
export * from './zod-arbitrary';
