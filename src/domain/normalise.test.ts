import { describe, expect, it } from 'vitest';
import { normaliseDomain, normaliseEmail } from './normalise.js';

describe('normaliseEmail', () => {
  it.each([
    ['Ann@Example.COM', 'ann@example.com'],
    ['  ann@example.com\t', 'ann@example.com'],
    ['ａｎｎ@ｅｘａｍｐｌｅ.com', 'ann@example.com'], // full-width letters fold under NFKC
    ['سارة@مثال.com', 'سارة@مثال.com'], // Arabic survives
    ['O\u0301scar@example.com', 'óscar@example.com'], // decomposed accent composed
    ['no-at-sign', null],
    ['', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });
});

describe('normaliseDomain', () => {
  it.each([
    ['https://www.Example.com/path', 'example.com'],
    ['ann@Example.com', 'example.com'],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected);
  });
});
