import { describe, expect, it } from '@jest/globals';
import { NotFoundException } from '@nestjs/common';
import { ResourceIdPipe } from './resource-id.pipe.js';

describe('ResourceIdPipe', () => {
  const pipe = new ResourceIdPipe();

  it('passes a UUID through, lower-cased', () => {
    expect(pipe.transform('0E8A3C1D-2B4F-4C6A-9D8E-1F2A3B4C5D6E')).toBe('0e8a3c1d-2b4f-4c6a-9d8e-1f2a3b4c5d6e');
  });

  it.each(['1', 'abc', "1' OR '1'='1", '0e8a3c1d-2b4f-4c6a-9d8e-1f2a3b4c5d6'])('answers 404 for %p', (id) => {
    expect(() => pipe.transform(id)).toThrow(NotFoundException);
  });
});
