import { terminalSafe } from '../../../src/verification/render/terminal-safe';

it('escapes C0 and C1 controls, DEL and bidi controls, and leaves other text alone', () => {
  expect(terminalSafe('Åsa Öberg – §12 “beslut”')).toBe('Åsa Öberg – §12 “beslut”');
  expect(terminalSafe('a\u001b[31mb')).toBe('a\\x1B[31mb');
  expect(terminalSafe('\u0000\t\n\r\u007f\u0085\u009b')).toBe('\\x00\\x09\\x0A\\x0D\\x7F\\x85\\x9B');
  expect(terminalSafe('\u202e\u2066\u2069\u200f\u061c\u2028')).toBe('\\u202E\\u2066\\u2069\\u200F\\u061C\\u2028');
});
