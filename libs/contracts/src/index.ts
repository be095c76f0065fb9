export * from './envelope';
export * from './errors';
export * from './decider';
export * from './topics';
export * from './catalog';
export * from './storable-text';
export * from './registry';
export * from './json-schema';
