export * from './version-facts';
export * from './registry-knowledge.tables';
export * from './registry-knowledge.projection';
export * from './version-knowledge.queries';
export * from './registry-events.consumer';
export * from './model-knowledge.queries';
export * from './acting-on-knowledge';
export * from './version-registrants';
