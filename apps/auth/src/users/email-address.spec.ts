import { describe, expect, it } from '@jest/globals';
import { mixesScripts, normalizeEmail } from './email-address.js';

describe('email addresses', () => {
  it('compares composed and decomposed forms, full-width letters and case as one address', () => {
    expect(normalizeEmail('Cafe\u0301@Example.com')).toBe(normalizeEmail('café@example.com'));
    expect(normalizeEmail(' ＡＬＩＣＥ@example.com ')).toBe('alice@example.com');
  });

  it.each([
    ['Cyrillic а in a Latin name', '\u0430lice@example.com'],
    ['Greek ο in a Latin domain', 'alice@ex\u03bfmple.com'],
    ['Latin with Cyrillic and Han', 'a\u0431\u4e2d@example.com'],
  ])('finds a mix of scripts: %s', (_case, email) => {
    expect(mixesScripts(email)).toBe(true);
  });

  it.each([
    ['plain Latin', 'alice.o-brien+shop@example.com'],
    ['Latin with accents', 'café@example.com'],
    ['all Cyrillic', '\u0430\u043b\u0438\u0441\u0430@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444'],
    ['Japanese with Latin', 'たなか.田中@example.jp'],
    ['digits and symbols only', '1234@567.89'],
  ])('lets one script, or Latin with CJK, pass: %s', (_case, email) => {
    expect(mixesScripts(email)).toBe(false);
  });
});
