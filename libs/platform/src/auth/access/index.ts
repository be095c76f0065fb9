export * from './subject';
export * from './security-log';
export * from './security-log.http';
