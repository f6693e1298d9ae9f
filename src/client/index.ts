export * from './errors.js';
export * from './kit-client.js';
