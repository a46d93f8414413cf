import { describe, expect, it } from 'vitest';
import type { ContentCatalogue, ContentPiece } from './content-catalogue.js';
import { suggestContent } from './suggest-content.js';

const piece = (p: Partial<ContentPiece> & Pick<ContentPiece, 'id'>): ContentPiece => ({
  title: p.id, url: null, aliases: [], type: 'guide', stages: ['sal'], grades: ['A', 'B', 'C', 'D'], team: 'marketing', language: 'en', since: null, until: null, ...p,
});
const catalogue: ContentCatalogue = {
  id: 'c', version: 'c@1', defaultLanguage: 'en',
  pieces: [
    piece({ id: 'broad-marketing' }),
    piece({ id: 'case-ab', grades: ['A', 'B'] }),
    piece({ id: 'email-sales', team: 'sales', grades: ['A', 'B', 'C'] }),
    piece({ id: 'case-ar', language: 'ar', grades: ['A'] }),
    piece({ id: 'new-guide', team: 'sales', since: '2024-07-01' }),
    piece({ id: 'sql-guide', stages: ['sql'] }),
  ],
};
const base = { stage: 'sal' as const, grade: 'A' as const, language: null, at: '2024-03-01T00:00:00.000Z', received: new Set<string>() };

describe('suggestContent', () => {
  it('prefers material written for sales, then the piece most specific to the grade', () => {
    expect(suggestContent(catalogue, base)?.id).toBe('email-sales');
    expect(suggestContent(catalogue, { ...base, received: new Set(['email-sales']) })?.id).toBe('case-ab');
    expect(suggestContent(catalogue, { ...base, received: new Set(['email-sales', 'case-ab']) })?.id).toBe('broad-marketing');
  });

  it('keeps to the grade, the language, the stage and the day', () => {
    expect(suggestContent(catalogue, { ...base, grade: 'D' })?.id).toBe('broad-marketing');
    expect(suggestContent(catalogue, { ...base, language: 'ar' })?.id).toBe('case-ar');
    expect(suggestContent(catalogue, { ...base, stage: 'sql' })?.id).toBe('sql-guide');
    expect(suggestContent(catalogue, { ...base, at: '2024-08-01T00:00:00.000Z', grade: 'D' })?.id).toBe('new-guide');
    expect(suggestContent(catalogue, { ...base, stage: 'opportunity' })).toBeNull();
    expect(suggestContent(catalogue, { ...base, stage: null })).toBeNull();
  });
});
