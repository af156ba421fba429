import { describe, expect, it } from '@jest/globals';
import { DEFAULT_OPTIONS, parseBenchOptions, QUICK_OPTIONS } from './bench-options.js';

describe('parseBenchOptions', () => {
  it('runs the full bench without options', () => {
    expect(parseBenchOptions([])).toEqual(DEFAULT_OPTIONS);
  });

  it('shortens the rounds with --quick, wherever it stands', () => {
    expect(parseBenchOptions(['--rounds=2', '--quick'])).toEqual({ ...QUICK_OPTIONS, rounds: 2 });
    expect(QUICK_OPTIONS.seconds).toBeLessThan(DEFAULT_OPTIONS.seconds);
  });

  it('prints JSON with --json and writes it with --json=<file>', () => {
    expect(parseBenchOptions(['--json']).json).toEqual({ print: true });
    expect(parseBenchOptions(['--json=out/bench.json']).json).toEqual({ file: 'out/bench.json' });
  });

  it('refuses what it does not know, and malformed numbers, naming them', () => {
    expect(() => parseBenchOptions(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseBenchOptions(['--rounds=0'])).toThrow(/--rounds must be a positive whole number/);
    expect(() => parseBenchOptions(['--rounds=2.5'])).toThrow(/--rounds must be a positive whole number/);
    expect(() => parseBenchOptions(['--seconds=abc'])).toThrow(/--seconds must be a positive number/);
    expect(() => parseBenchOptions(['--json='])).toThrow(/needs a file name/);
  });
});
