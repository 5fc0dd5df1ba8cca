#!/usr/bin/env -S node --no-memory-reducer
/**
 * The `chat` entry point. React chooses its development or production build when it
 * is first imported, and the development build costs the client about twice the CPU
 * per frame, so users get the production build unless they ask for the other. The
 * command line itself is imported only after that choice is made.
 */
process.env['NODE_ENV'] ??= 'production';
await import('./main.js');
