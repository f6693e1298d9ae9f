export * from './text.js';
export * from './conditions.js';
export * from './definition.js';
export * from './problem.js';
export * from './cases.js';
export * from './attachments.js';
export * from './eid.js';
