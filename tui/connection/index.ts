export * from './backoff.js';
export * from './chat-connection.js';
export * from './connection-event.js';
export * from './link-watch.js';
export * from './scheduler.js';
export * from './socket-error-sentence.js';
export * from './tls-transport.js';
export * from './transport.js';
