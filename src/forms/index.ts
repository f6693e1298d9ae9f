export * from './conditions.js';
export * from './dates.js';
export * from './messages.js';
export * from './swedish.js';
export * from './validate.js';
export * from './visibility.js';
