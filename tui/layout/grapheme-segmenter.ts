/**
 * The one grapheme segmenter of the client. A grapheme is what a reader sees as one
 * character (👍🏽, é written as e + accent, a flag); the line editor, the layout and
 * the screen grid must agree on where each one ends, so they all cut with this one.
 */
export const graphemeSegmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
