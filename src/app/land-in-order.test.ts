import { describe, expect, it } from 'vitest';
import { landInOrder } from './land-in-order.js';

/** Items as they come: a letter per item, upper case for an item that must land alone. */
async function* stream(items: string): AsyncGenerator<string> {
  for (const item of items) yield item;
}

/** A run of landInOrder that records what was in flight at each start and the order of settles. */
async function run(items: string, limit: number, failing = '', settleFails = '') {
  const inFlight = new Set<string>();
  const startedBeside: Record<string, string[]> = {};
  const settled: string[] = [];
  const landed: string[] = [];
  let error: unknown = null;
  try {
    await landInOrder(stream(items), {
      limit,
      independent: (item) => item === item.toLowerCase(),
      async land(item) {
        startedBeside[item] = [...inFlight].sort();
        inFlight.add(item);
        // Later items finish sooner: settle order must still be the items' order.
        await new Promise((r) => setTimeout(r, 30 - items.indexOf(item) * 3));
        inFlight.delete(item);
        if (failing.includes(item)) throw new Error(`batch ${item} failed`);
        landed.push(item);
        return item.length;
      },
      async settle(item, result) {
        expect(result).toBe(1);
        if (settleFails.includes(item)) throw new Error(`settle ${item} failed`);
        settled.push(item);
      },
    });
  } catch (e) {
    error = e;
  }
  return { startedBeside, settled, landed, error, leftInFlight: inFlight.size };
}

describe('landInOrder', () => {
  it('lands independent items two at a time and settles them in order', async () => {
    const r = await run('abcde', 2);
    expect(r.settled).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.startedBeside.a).toEqual([]);
    expect(r.startedBeside.b).toEqual(['a']);
    expect(Object.values(r.startedBeside).every((beside) => beside.length <= 1)).toBe(true);
    expect(r.error).toBeNull();
  });

  it('never has more in flight than the limit, and one at a time with limit 1', async () => {
    const three = await run('abcdef', 3);
    expect(Math.max(...Object.values(three.startedBeside).map((b) => b.length))).toBe(2);
    const one = await run('abcd', 1);
    expect(Object.values(one.startedBeside).every((b) => b.length === 0)).toBe(true);
    expect(one.settled).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lands an item that is not independent alone: after every item before it, before every item after it', async () => {
    const r = await run('abCdeFg', 2);
    expect(r.settled).toEqual(['a', 'b', 'C', 'd', 'e', 'F', 'g']);
    expect(r.startedBeside.C).toEqual([]);
    expect(r.startedBeside.d).toEqual([]);
    expect(r.startedBeside.e).toEqual(['d']);
    expect(r.startedBeside.F).toEqual([]);
    expect(r.startedBeside.g).toEqual([]);
  });

  it('on a failed landing: settles the items before it, waits for those in flight, starts none after it, throws its error', async () => {
    const r = await run('abcdef', 2, 'c');
    expect(r.error).toBeInstanceOf(Error);
    expect((r.error as Error).message).toBe('batch c failed');
    expect(r.settled).toEqual(['a', 'b']);
    // d was in flight beside c: it finished before landInOrder returned; e and f never started.
    expect(r.leftInFlight).toBe(0);
    expect(r.landed.sort()).toEqual(['a', 'b', 'd']);
    expect(Object.keys(r.startedBeside)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('on a failed settle: throws its error once what is in flight has finished', async () => {
    const r = await run('abcd', 2, '', 'b');
    expect((r.error as Error).message).toBe('settle b failed');
    expect(r.settled).toEqual(['a']);
    expect(r.leftInFlight).toBe(0);
  });
});
