export * from './limits.js';
export * from './errors.js';
export * from './display.js';
export * from './names.js';
export * from './tags.js';
export * from './commands.js';
export * from './server-lines.js';
export * from './framing.js';
