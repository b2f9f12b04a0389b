import { describe, expect, it } from 'vitest';
import { session } from './support.js';

describe('issue 8.14b code echo', () => {
  it('a gift-card code typed without its prefix is masked in "No product has barcode"', async () => {
    const { replies } = await session([{ id: 1, cmd: 'scan', code: 'AK2DNAABYHDJ3TKMGE7H' }, { id: 2, cmd: 'scan', code: '4006381333931' }]);
    expect(replies[0].error?.code).toBe('UNKNOWN_BARCODE');
    expect(replies[0].error?.message).toBe('No product has barcode ****GE7H.');
    expect(JSON.stringify(replies[0])).not.toContain('AK2DNAAB');
    expect(replies[1].error?.message).toBe('No product has barcode 4006381333931.');
  });
});
