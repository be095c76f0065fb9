export * from './error-response';
export * from './error.filter';
export * from './express-types';
export * from './parse-input';
export * from './metrics';
export * from './observability.module';
export * from './bootstrap';
export * from './openapi';
