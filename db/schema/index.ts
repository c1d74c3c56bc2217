export * from './platform';
export * from './lending';
export * from './guarantees';
export * from './collections';
export * from './ledgers';
