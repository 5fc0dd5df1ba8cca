/**
 * A user's search words as an FTS5 query that matches messages holding all of them.
 * Each word becomes an FTS5 string ("..." with " doubled), so nothing a user types is
 * ever query syntax: not AND/OR/NOT/NEAR, not `*`, `^`, `:` or parentheses.
 */
export function matchQuery(words: readonly string[]): string {
	return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}
