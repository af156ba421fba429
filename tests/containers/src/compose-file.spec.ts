import { describe, expect, it } from '@jest/globals';
import { activeServices, interpolate, MissingVariableError, type ComposeDocument } from './compose-file.js';

// The rules of the Compose specification's interpolation; compose-config.spec.ts also compares the
// whole file's reading with `docker-compose config` where docker-compose is installed.
describe('interpolate', () => {
  const variables = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET}', ''],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:?needed}', 'value'],
    ['$$SET costs $$5', '$SET costs $5'],
    ['postgresql://u:${SET}@db:5432/d', 'postgresql://u:value@db:5432/d'],
  ])('reads %p as %p', (text, expected) => {
    expect(interpolate(text, variables)).toBe(expected);
  });

  it.each([['${UNSET:?set UNSET in .env}'], ['${EMPTY:?set UNSET in .env}'], ['${UNSET?set UNSET in .env}']])('refuses %p with its message', (text) => {
    expect(() => interpolate(text, variables)).toThrow(MissingVariableError);
    expect(() => interpolate(text, variables)).toThrow(/set UNSET in \.env$/);
  });

  it('lets ${EMPTY?…} through: only unset counts without the colon', () => {
    expect(interpolate('${EMPTY?needed}', variables)).toBe('');
  });
});

describe('activeServices', () => {
  it('keeps the services without profiles and those of an active profile', () => {
    const document: ComposeDocument = { services: { always: {}, extra: { profiles: ['scale-out'] }, other: { profiles: ['debug'] } } };
    expect(Object.keys(activeServices(document))).toEqual(['always']);
    expect(Object.keys(activeServices(document, ['scale-out']))).toEqual(['always', 'extra']);
  });
});
