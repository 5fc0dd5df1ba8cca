/**
 * Limits of the wire protocol, shared by the server (which enforces them) and the
 * client (which sizes its buffers and validates before sending, so a user hears of
 * a refusal before a round trip).
 */

/** Protocol version the server announces in HELLO; bumped only for incompatible changes. */
export const PROTOCOL_VERSION = 1;

/** Longest client line in bytes, excluding the LF. Longer lines are discarded as they stream in. */
export const MAX_LINE_BYTES = 8192;

/**
 * Longest server line in bytes. Server lines repeat up to a whole client text behind
 * a header (id, time, names), so they may be longer than client lines.
 */
export const MAX_SERVER_LINE_BYTES = MAX_LINE_BYTES + 512;

/** Most MSG and DM lines in one HISTORY reply; `more` in its OK says whether to ask again. */
export const MAX_HISTORY_LINES = 500;

/** Messages one HISTORY_BEFORE reply holds unless the client asks for fewer. */
export const DEFAULT_HISTORY_BEFORE_LINES = 100;

/** Most MSG and DM lines in one SEARCH reply, newest first; `more` in its OK says whether others matched. */
export const MAX_SEARCH_LINES = 50;

/** Shortest and longest password, in characters (Unicode code points). */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** Longest token (a PING token, a client message id), in characters. */
export const MAX_TOKEN_LENGTH = 128;

/** Longest user or group name, in characters (Unicode code points). */
export const MAX_NAME_LENGTH = 32;

/** The group every user starts in; it always exists. */
export const DEFAULT_GROUP = 'lobby';
