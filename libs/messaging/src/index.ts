export * from './bus';
export * from './delivery';
export * from './kafka-bus';
export * from './postgres-bus';
export * from './create-bus';
export * from './nest-transport';
export * from './commands/bus-command';
export * from './commands/command-consumer';
