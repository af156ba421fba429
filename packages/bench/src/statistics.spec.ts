import { describe, expect, it } from '@jest/globals';
import { median, percentile } from './statistics.js';

describe('median', () => {
  it('takes the middle of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is not moved by one disturbed round, as a mean would be', () => {
    expect(median([1000, 1010, 990, 20])).toBe(995);
  });

  it('leaves its input as it was', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses no values rather than answer NaN', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);

  it('takes the nearest rank', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
  });

  it('is the only value of one', () => {
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('refuses no values', () => {
    expect(() => percentile([], 0.5)).toThrow(RangeError);
  });
});
