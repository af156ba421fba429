import { describe, expect, it } from '@jest/globals';
import { withMemorySettings } from './service-memory.js';

describe('withMemorySettings', () => {
  it('sizes V8’s heap and glibc’s large blocks for a small service, keeping the rest of the environment', () => {
    expect(withMemorySettings({ PORT: '3001' })).toEqual({
      PORT: '3001',
      NODE_OPTIONS: '--max-semi-space-size=8 --max-old-space-size=512',
      MALLOC_MMAP_THRESHOLD_: '131072',
    });
  });

  it('puts the caller’s NODE_OPTIONS after its own, so that the caller’s win', () => {
    expect(withMemorySettings({ NODE_OPTIONS: '--max-old-space-size=1024' }).NODE_OPTIONS).toBe(
      '--max-semi-space-size=8 --max-old-space-size=512 --max-old-space-size=1024',
    );
  });

  it('keeps the caller’s own malloc threshold', () => {
    expect(withMemorySettings({ MALLOC_MMAP_THRESHOLD_: '0' }).MALLOC_MMAP_THRESHOLD_).toBe('0');
  });
});
