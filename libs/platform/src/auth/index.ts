export * from './principal';
export * from './actor';
export * from './credentials';
export * from './verify-token';
export * from './authenticate';
export * from './identity-read-model';
export * from './identity-events.consumer';
export * from './whoami.http';
