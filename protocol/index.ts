// The exact server behaviour each command must have is written in /tmp/protocol-summary.md (also docs/protocol-behaviour-draft.md):
// read it before implementing the server. (Lead's note for the server author; docs/PROTOCOL.md replaces it.)
export * from './limits.js';
export * from './errors.js';
export * from './display.js';
export * from './names.js';
export * from './tags.js';
export * from './commands.js';
export * from './server-lines.js';
export * from './framing.js';
