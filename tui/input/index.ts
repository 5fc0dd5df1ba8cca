export * from './complete-input.js';
export * from './help-text.js';
export * from './message-lines.js';
export * from './parse-input.js';
export * from './slash-commands.js';
