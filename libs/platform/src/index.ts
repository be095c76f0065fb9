export * from './free-port';
export * from './embedded-postgres';
export * from './http';
export * from './service-env';
