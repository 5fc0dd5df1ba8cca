export * from './chat-session.js';
