import { safeReturnTo } from '../../../../src/server/auth/return-to';

describe('safeReturnTo', () => {
  test.each(['/', '/invitation/eyJhbGciOi.x.y', '/sekreterare/utdrag?status=ute#rad-3', '/a/b/../c'])('%j is kept', (path) => {
    expect(safeReturnTo(path)).toBe(path);
  });

  test('no value means the start page', () => {
    expect(safeReturnTo(undefined)).toBe('/');
  });

  test.each([
    'https://evil.example/',
    'http:evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    'data:text/html,x',
    'relative/path',
    '',
    `/${'a'.repeat(2048)}`,
  ])('%j is refused', (value) => {
    expect(() => safeReturnTo(value)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID', field: 'returnTo' }));
  });

  test('a repeated query parameter (an array) is refused', () => {
    expect(() => safeReturnTo(['/a', '/b'])).toThrow(expect.objectContaining({ field: 'returnTo' }));
  });
});
