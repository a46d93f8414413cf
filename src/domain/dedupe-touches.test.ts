import { describe, expect, it } from 'vitest';
import { dedupeTouches } from './dedupe-touches.js';
import type { Touch } from './touch.js';

const t = (id: string, at: string, over: Partial<Touch> = {}): Touch => ({
  id, personId: 'p1', type: 'email_click', system: 'hubspot', at, channel: 'email', campaign: 'A', team: 'marketing', identity: 'email_click\u0000A', ...over,
});

describe('dedupeTouches', () => {
  it('keeps the earliest of a touch both systems recorded, up to the window and not past it', () => {
    const kept = dedupeTouches(
      [
        t('crm', '2024-01-01T10:05:00.000Z', { system: 'salesforce' }),
        t('mkt', '2024-01-01T10:00:00.000Z'),
        t('later', '2024-01-01T10:10:01.000Z'),
      ],
      5,
    );
    // 10:05 is within 5 minutes of 10:00 (a duplicate); 10:10:01 is 5 minutes 1 second after the kept one.
    expect(kept.map((x) => x.id)).toEqual(['mkt', 'later']);
  });

  it('never merges touches of different people, types or campaigns', () => {
    const at = '2024-01-01T10:00:00.000Z';
    const kept = dedupeTouches(
      [t('a', at), t('b', at, { personId: 'p2' }), t('c', at, { identity: 'form_fill\u0000A', type: 'form_fill' }), t('d', at, { identity: 'email_click\u0000B' })],
      5,
    );
    expect(kept.map((x) => x.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a window of 0 only merges touches at the same instant', () => {
    expect(dedupeTouches([t('a', '2024-01-01T10:00:00.000Z'), t('b', '2024-01-01T10:00:00.000Z'), t('c', '2024-01-01T10:00:01.000Z')], 0).map((x) => x.id)).toEqual(['a', 'c']);
  });
});
