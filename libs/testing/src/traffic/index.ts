export * from './traffic';
export * from './traffic-report';
export * from './traffic-summary';
