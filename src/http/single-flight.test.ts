import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight.js';

describe('singleFlight', () => {
  it('runs identical concurrent work once, and again once it has finished', async () => {
    const flight = singleFlight<number>();
    let runs = 0;
    const work = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 20));
    const [a, b, c] = await Promise.all([flight('k', work), flight('k', work), flight('other', work)]);
    expect([a, b]).toEqual([1, 1]);
    expect(c).toBe(2);
    expect(await flight('k', work)).toBe(3);
  });

  it('shares a failure with the waiters and forgets it', async () => {
    const flight = singleFlight<number>();
    const fail = () => Promise.reject(new Error('boom'));
    await expect(Promise.all([flight('k', fail), flight('k', fail)])).rejects.toThrow('boom');
    expect(await flight('k', async () => 7)).toBe(7);
  });
});
