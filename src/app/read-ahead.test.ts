import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

/** A source that logs when each item is produced and when it is closed. */
function source(items: number, log: string[], failAt?: number): AsyncGenerator<number> {
  return (async function* () {
    try {
      for (let i = 0; i < items; i++) {
        await new Promise((r) => setTimeout(r, 1));
        if (i === failAt) throw new Error(`item ${i} is unreadable`);
        log.push(`made ${i}`);
        yield i;
      }
    } finally {
      log.push('closed');
    }
  })();
}

describe('readAhead', () => {
  it('yields every item in order, making the next while the caller works on the current one', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const i of readAhead(source(3, log))) {
      await new Promise((r) => setTimeout(r, 20));
      log.push(`used ${i}`);
      seen.push(i);
    }
    expect(seen).toEqual([0, 1, 2]);
    // Item 1 was made while item 0 was in use, never more than one ahead; the source ended while the last was in use.
    expect(log).toEqual(['made 0', 'made 1', 'used 0', 'made 2', 'used 1', 'closed', 'used 2']);
  });

  it("an error of the item ahead surfaces in order, after the caller's work on the items before it", async () => {
    const log: string[] = [];
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const i of readAhead(source(5, log, 2))) {
          await new Promise((r) => setTimeout(r, 20));
          seen.push(i);
        }
      })(),
    ).rejects.toThrow('item 2 is unreadable');
    expect(seen).toEqual([0, 1]);
    expect(log.at(-1)).toBe('closed');
  });

  it('closes the source when the caller stops early, without an unhandled rejection of the item ahead', async () => {
    const log: string[] = [];
    await expect(
      (async () => {
        for await (const i of readAhead(source(5, log, 1))) {
          throw new Error(`could not land ${i}`);
        }
      })(),
    ).rejects.toThrow('could not land 0');
    // Item 1 failed while in flight: swallowed (the caller had already stopped); the source is closed.
    expect(log).toEqual(['made 0', 'closed']);
  });
});
