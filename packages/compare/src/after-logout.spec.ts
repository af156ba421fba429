import { describe, expect, it } from '@jest/globals';
import { classifyAfterLogout } from './after-logout.js';

describe('classifyAfterLogout', () => {
  it('says a session ends at once when shop accepted it right before logout and refuses it right after', () => {
    expect(classifyAfterLogout({ acceptedBefore: true, acceptedAfter: false, secondsLeft: undefined })).toEqual({ afterLogout: 'ends at once' });
  });

  it('says no when shop never accepted it', () => {
    expect(classifyAfterLogout({ acceptedBefore: false, acceptedAfter: false, secondsLeft: undefined })).toEqual({ afterLogout: 'no' });
  });

  it('says a token still works until exp, with the seconds it has left', () => {
    expect(classifyAfterLogout({ acceptedBefore: true, acceptedAfter: true, secondsLeft: 897 })).toEqual({
      afterLogout: 'until exp',
      secondsLeftAfterLogout: 897,
    });
  });

  it('says plainly yes when a session outlives its logout', () => {
    expect(classifyAfterLogout({ acceptedBefore: true, acceptedAfter: true, secondsLeft: undefined })).toEqual({ afterLogout: 'yes' });
  });
});
