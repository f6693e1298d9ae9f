export * from './text.js';
export * from './definition.js';
export * from './problem.js';
export * from './cases.js';
