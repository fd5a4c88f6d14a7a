export * from './data-file';
export * from './simulator';
export type * from './types';
