export * from './dialect';
export * from './messages';
export * from './source';
export * from './purchases';
export * from './reports';
export * from './results';
