import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, PROGRAM_FILE } from './loyalty-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().init();
});
afterEach(() => h.cleanup());

describe('till customer', () => {
  it('answers --help for itself and every subcommand', async () => {
    expect(await h.run('customer', '--help')).toBe(0);
    expect(h.out.join('\n')).toContain('regrade');
    for (const sub of ['add', 'find', 'show', 'edit', 'block', 'unblock', 'regrade', 'import']) {
      expect(await h.run('customer', sub, '--help')).toBe(0);
      expect(h.out.join('\n')).toMatch(new RegExp(`^Usage: till customer ${sub}`));
    }
    expect(await h.run('customer', 'frobnicate')).toBe(2);
  });

  it('adds customers with generated card numbers and the default tier, and refuses a taken phone', async () => {
    expect(await h.run('loyalty', 'program', 'set', h.file('p.json', PROGRAM_FILE))).toBe(0);
    expect(await h.run('customer', 'add', '--name', 'Nguyễn Văn An', '--phone', '0912 345 678')).toBe(0);
    expect(h.out).toEqual(['Created Nguyễn Văn An, card 2700000000014, tier std.']);
    expect(await h.run('customer', 'add', '--name', 'Trần Bích', '--phone', '0913000678', '--email', 'bich@example.vn', '--tier', 'silver')).toBe(0);
    expect(h.out).toEqual(['Created Trần Bích, card 2700000000021, tier silver.']);
    expect(await h.run('customer', 'add', '--name', 'Other', '--phone', '+84 912 345 678')).toBe(1);
    expect(h.err.join('\n')).toContain('Another customer has this phone number.');
    expect(await h.run('customer', 'add', '--name', 'Card', '--phone', '0900000001', '--card', '2700000000015')).toBe(1);
    expect(h.err.join('\n')).toContain('check digit');
    const s = await h.slice();
    expect(Object.values(s.customers).map((c) => [c.name, c.card, c.tier])).toEqual([['Nguyễn Văn An', '2700000000014', 'std'], ['Trần Bích', '2700000000021', 'silver']]);
    expect(s.cardSerial).toBe(2);
  });

  it('finds by phone start, last digits, name words; shows a customer', async () => {
    await h.run('customer', 'add', '--name', 'Nguyễn Văn An', '--phone', '0912 345 678');
    await h.run('customer', 'add', '--name', 'Nguyễn Thị Cúc', '--phone', '0988 111 222');
    expect(await h.run('customer', 'find', 'ngu', 'cuc')).toBe(0);
    expect(h.out).toEqual(['2700000000021  |  Nguyễn Thị Cúc  |  0988 111 222  |  -', 'page 1 of 1 (customers 1-1 of 1, best first)']);
    await h.run('customer', 'find', '5678');
    expect(h.out.slice(0, -1).map((l) => l.split('  |  ')[1])).toEqual(['Nguyễn Văn An']);
    await h.run('customer', 'find', 'nguyen');
    expect(h.out).toHaveLength(3);
    await h.run('customer', 'find', 'nguyen', '--per-page', '1', '--page', '2');
    expect(h.out.at(-1)).toBe('page 2 of 2 (customers 2-2 of 2, best first)');
    expect(await h.run('customer', 'find', 'nguyen', '--limit', '5')).toBe(2);
    expect(h.err.join('\n')).toContain('--limit is replaced by --page N --per-page M');
    await h.run('customer', 'find', 'zzz');
    expect(h.out).toEqual(['No customer matches "zzz".']);
    expect(await h.run('customer', 'show', '0912345678')).toBe(0);
    expect(h.out.slice(0, 3)).toEqual(['Nguyễn Văn An', '  card      2700000000014', '  phone     0912 345 678']);
    expect(await h.run('customer', 'show', '0999999999')).toBe(1);
    expect(h.err.join('\n')).toContain('No customer with the card, phone or id');
  });

  it('edits, blocks, unblocks and regrades with reasons', async () => {
    await h.run('loyalty', 'program', 'set', h.file('p.json', PROGRAM_FILE));
    await h.run('customer', 'add', '--name', 'An', '--phone', '0912345678');
    expect(await h.run('customer', 'edit', '2700000000014', '--name', 'Nguyễn An', '--email', 'an@example.vn')).toBe(0);
    expect(await h.run('customer', 'block', '2700000000014')).toBe(1);
    expect(h.err.join('\n')).toContain('Give a reason');
    expect(await h.run('customer', 'block', '2700000000014', '--reason', 'lost card')).toBe(0);
    expect(h.out).toEqual(['Card 2700000000014 of Nguyễn An is blocked.']);
    await h.run('customer', 'show', '2700000000014');
    expect(h.out[0]).toBe('Nguyễn An  [CARD BLOCKED]');
    expect(await h.run('customer', 'unblock', '2700000000014', '--reason', 'found it')).toBe(0);
    expect(await h.run('customer', 'regrade', '2700000000014', '--tier', 'silver', '--reason', 'VIP')).toBe(0);
    expect(h.out).toEqual(['Nguyễn An (2700000000014): tier std -> silver.']);
    expect(await h.run('customer', 'regrade', '2700000000014', '--tier', 'gold', '--reason', 'x')).toBe(1);
    const c = Object.values((await h.slice()).customers)[0];
    expect([c.name, c.email, c.blocked, c.tier]).toEqual(['Nguyễn An', 'an@example.vn', false, 'silver']);
  });

  it('imports a CSV with opening balances, reports bad rows by line, and adds nobody twice', async () => {
    await h.run('loyalty', 'program', 'set', h.file('p.json', PROGRAM_FILE));
    await h.run('customer', 'add', '--name', 'Existing', '--phone', '0900000000');
    const csv = h.file('c.csv', 'name,phone,email,card,tier,points\nLan,0911111111,,,,120\nMai,0922222222,mai@x.vn,,silver,\n,0933333333,,,,\nDup,0900000000,,,,5\nHoa,0944444444,,2700000000991,,7.5\n');
    expect(await h.run('customer', 'import', csv, '--dry-run')).toBe(0);
    expect(h.out).toEqual(['Dry run: 2 customer(s) with 120 opening points, 3 row(s) reported. Nothing was changed.']);
    expect(h.err).toEqual([
      `${csv}:4: Enter the customer’s name.`,
      `${csv}:5: Another customer has this phone number.`,
      `${csv}:6: points "7.5" is not a number of points with at most 0 decimals`,
    ]);
    expect(await h.run('customer', 'import', csv)).toBe(0);
    const s = await h.slice();
    const byName = Object.fromEntries(Object.values(s.customers).map((c) => [c.name, c]));
    expect([byName.Lan.card, byName.Lan.points.cb, byName.Mai.tier, byName.Mai.email]).toEqual(['2700000000021', 120, 'silver', 'mai@x.vn']);
    expect(await h.run('customer', 'import', csv)).toBe(1);
    expect(h.out).toEqual(['Imported 0 customer(s), 5 row(s) reported.']);
    expect(Object.keys((await h.slice()).customers)).toHaveLength(3);
  });
});
