import type { Request } from 'express';
import { checkFormCsrf, checkJsonCsrf, csrfTokenOf } from '../../../../src/server/auth/csrf';
import { deriveKey } from '../../../../src/server/auth/secrets';

const ORIGIN = 'https://justera.example';
const key = deriveKey('s'.repeat(32), 'session-csrf');

function request(method: string, headers: Record<string, string>): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method,
    headers: lower,
    get: (name: string) => lower[name.toLowerCase()],
    is: (type: string) => (lower['content-type']?.split(';')[0]?.trim() === type ? type : false),
  } as unknown as Request;
}

describe('the session-bound CSRF token', () => {
  test('is fixed per session, differs between sessions and cannot be made without the key', () => {
    const token = csrfTokenOf(key, 'session-a');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenOf(key, 'session-a')).toBe(token);
    expect(csrfTokenOf(key, 'session-b')).not.toBe(token);
    expect(csrfTokenOf(deriveKey('t'.repeat(32), 'session-csrf'), 'session-a')).not.toBe(token);
  });

  test('a form post passes only with this session’s token, from our own origin or none', () => {
    const token = csrfTokenOf(key, 'session-a');
    expect(() => checkFormCsrf(request('POST', {}), token, token, ORIGIN)).not.toThrow();
    expect(() => checkFormCsrf(request('POST', { origin: ORIGIN }), token, token, ORIGIN)).not.toThrow();
    const refusals: [Record<string, string>, unknown, string][] = [
      [{}, undefined, '_csrf'],
      [{}, csrfTokenOf(key, 'session-b'), '_csrf'],
      [{}, token.slice(1), '_csrf'],
      [{ origin: 'https://evil.example' }, token, 'Origin'],
      [{ origin: 'null' }, token, 'Origin'],
    ];
    for (const [headers, submitted, field] of refusals) {
      expect(() => checkFormCsrf(request('POST', headers), token, submitted, ORIGIN)).toThrow(expect.objectContaining({ code: 'ERR_FORBIDDEN', field }));
    }
  });

  test('a JSON write needs application/json and the token in X-CSRF-Token; a read needs neither', () => {
    const token = csrfTokenOf(key, 'session-a');
    expect(() => checkJsonCsrf(request('GET', {}), token, ORIGIN)).not.toThrow();
    expect(() => checkJsonCsrf(request('POST', { 'content-type': 'application/json; charset=utf-8', 'x-csrf-token': token }), token, ORIGIN)).not.toThrow();
    // A body-less write (DELETE) has no type to check, but still needs the token.
    expect(() => checkJsonCsrf(request('DELETE', { 'x-csrf-token': token }), token, ORIGIN)).not.toThrow();
    expect(() => checkJsonCsrf(request('DELETE', {}), token, ORIGIN)).toThrow(expect.objectContaining({ code: 'ERR_FORBIDDEN', field: 'X-CSRF-Token' }));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(() => checkJsonCsrf(request('POST', { 'content-type': type, 'x-csrf-token': token }), token, ORIGIN)).toThrow(
        expect.objectContaining({ code: 'ERR_INPUT_MEDIA_TYPE', field: 'Content-Type' }),
      );
    }
    expect(() => checkJsonCsrf(request('POST', { 'content-type': 'application/json', 'x-csrf-token': csrfTokenOf(key, 'session-b') }), token, ORIGIN)).toThrow(
      expect.objectContaining({ code: 'ERR_FORBIDDEN', field: 'X-CSRF-Token' }),
    );
    expect(() => checkJsonCsrf(request('POST', { 'content-type': 'application/json', 'x-csrf-token': token, origin: 'https://evil.example' }), token, ORIGIN)).toThrow(
      expect.objectContaining({ code: 'ERR_FORBIDDEN', field: 'Origin' }),
    );
  });
});
