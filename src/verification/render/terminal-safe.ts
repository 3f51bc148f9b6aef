/**
 * Text that comes from a PDF (field names, /Name, /Reason, metadata, parser messages) is attacker-chosen:
 * an ESC sequence in it can move the cursor and overwrite the verdict line with a fake "Äkta", set the
 * window title, or a bidi override can reverse what a line appears to say. Every human-readable output
 * (text, CSV, HTML, error lines) shows such characters escaped instead; the JSON output stays exact.
 */

// C0 controls (tab and line breaks included: we never write them inside a value), DEL, C1 controls, the
// Unicode line/paragraph separators and the bidi embeddings, overrides and isolates (Unicode UAX #9).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escaped(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escaped);
}
