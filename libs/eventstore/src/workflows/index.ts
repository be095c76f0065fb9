export * from './workflow-records';
export * from './workflow-runner';
export * from './workflow-inputs';
export * from './command-outbox';
export * from './outbox-dispatcher';
