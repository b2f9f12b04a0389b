import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { createStore } from '../../src/admin/init.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { openStore } from '../../src/store/open.js';
import { operatorsOf } from '../../src/store/projections/operators.js';
import { checkPin, hashPin, verifyPin } from '../../src/domain/operators/pin.js';
import { emptyOperatorSlice, applyOperatorEvent, planAddOperator, planSetDisabled, planSetLanguage, operatorLanguage, findOperator } from '../../src/domain/operators/operations.js';
import { needsApproval } from '../../src/domain/operators/approval.js';

const CHEAP = { N: 16, r: 1, p: 1 };
const salt = new Uint8Array(16).fill(7);

describe('PINs', () => {
  it('are 4-8 digits', () => {
    for (const ok of ['1234', '00000000']) expect(checkPin(ok).ok).toBe(true);
    for (const bad of ['123', '123456789', '12a4', ' 1234', '', 1234 as unknown as string]) expect(checkPin(bad).ok).toBe(false);
  });
  it('are kept as a salted scrypt hash and verified in constant time', () => {
    const h = hashPin('4321', salt, CHEAP);
    expect(JSON.stringify(h)).not.toContain('4321');
    expect(verifyPin('4321', h)).toBe(true);
    expect(verifyPin('4322', h)).toBe(false);
    expect(hashPin('4321', new Uint8Array(16).fill(8), CHEAP).hash).not.toBe(h.hash);
  });
  it('a damaged or absurd stored hash never matches and never throws', () => {
    const h = hashPin('4321', salt, CHEAP);
    for (const bad of [{ ...h, hash: 'xx' }, { ...h, N: 3 }, { ...h, N: 1 << 30 }, { ...h, alg: 'md5' }, undefined] as never[]) expect(verifyPin('4321', bad)).toBe(false);
  });
});

describe('operator events', () => {
  it('add, refuse duplicates and bad input, disable but never the last manager', () => {
    const s = emptyOperatorSlice();
    const pin = hashPin('1111', salt, CHEAP);
    const add = (id: string, role: string, card?: string) => {
      const r = planAddOperator(s, { id, name: `N ${id}`, role, card }, pin, '2025-01-01T00:00:00Z');
      if (r.ok) applyOperatorEvent(s, r.value.type, r.value.data);
      return r;
    };
    expect(add('Boss', 'manager').ok).toBe(true);
    expect(s.byId.boss.role).toBe('manager');
    expect(add('boss', 'cashier')).toMatchObject({ ok: false, error: { code: 'OPERATOR_EXISTS' } });
    expect(add('x y', 'cashier')).toMatchObject({ ok: false, error: { code: 'OPERATOR_ID' } });
    expect(add('ann', 'owner')).toMatchObject({ ok: false, error: { code: 'OPERATOR_ROLE' } });
    expect(add('ann', 'cashier', 'BADGE-0001').ok).toBe(true);
    expect(add('bob', 'cashier', 'BADGE-0001')).toMatchObject({ ok: false, error: { code: 'OPERATOR_CARD_TAKEN' } });
    expect(findOperator(s, 'BADGE-0001')?.id).toBe('ann');
    expect(findOperator(s, ' ANN ')?.id).toBe('ann');
    expect(planSetDisabled(s, 'boss', true)).toMatchObject({ ok: false, error: { code: 'LAST_MANAGER' } });
    const d = planSetDisabled(s, 'ann', true);
    expect(d.ok).toBe(true);
    if (d.ok) applyOperatorEvent(s, d.value.type, d.value.data);
    expect(s.byId.ann.disabled).toBe(true);
    expect(planSetDisabled(s, 'ann', true)).toMatchObject({ ok: false, error: { code: 'OPERATOR_ALREADY_DISABLED' } });
  });
  it('approval rules follow the configuration', () => {
    const a = DEFAULT_CONFIG.approvals;
    expect(needsApproval(a, 'void', { tenders: 0, lines: 3 })).toBe(false);
    expect(needsApproval(a, 'void', { tenders: 1, lines: 1 })).toBe(true);
    expect(needsApproval(a, 'void', { tenders: 0, lines: 11 })).toBe(true);
    expect(needsApproval({ ...a, voidLinesOver: 0 }, 'void', { lines: 1 })).toBe(true);
    expect(needsApproval(a, 'paidOut')).toBe(true);
    expect(needsApproval({ ...a, noSale: false }, 'noSale')).toBe(false);
  });
});

describe('operator languages', () => {
  it('an operator may have a screen language of their own; "shop" or none is the shop\'s', () => {
    const s = emptyOperatorSlice();
    const pin = hashPin('1111', salt, CHEAP);
    const add = planAddOperator(s, { id: 'olga', name: 'Ольга', role: 'cashier', language: 'RU' }, pin, '2025-01-01T00:00:00Z');
    expect(add.ok && add.value.data.operator.language).toBe('ru');
    if (add.ok) applyOperatorEvent(s, add.value.type, add.value.data);
    expect(operatorLanguage(s.byId.olga)).toBe('ru');
    expect(planAddOperator(s, { id: 'x', name: 'X', role: 'cashier', language: 'fr' }, pin, '')).toMatchObject({ ok: false, error: { code: 'OPERATOR_LANGUAGE' } });
    const none = planAddOperator(s, { id: 'lan', name: 'Lan', role: 'cashier', language: 'shop' }, pin, '');
    expect(none.ok && 'language' in none.value.data.operator).toBe(false);
    const set = planSetLanguage(s, 'olga', 'zh');
    expect(set).toMatchObject({ ok: true, value: { type: 'operator.language.set', data: { id: 'olga', language: 'zh' } } });
    if (set.ok) applyOperatorEvent(s, set.value.type, set.value.data);
    expect(operatorLanguage(s.byId.olga)).toBe('zh');
    const back = planSetLanguage(s, 'olga', 'shop');
    if (back.ok) applyOperatorEvent(s, back.value.type, back.value.data);
    expect(operatorLanguage(s.byId.olga)).toBeNull();
    expect(planSetLanguage(s, 'olga', 'klingon')).toMatchObject({ ok: false, error: { code: 'OPERATOR_LANGUAGE' } });
    expect(planSetLanguage(s, 'ghost', 'vi')).toMatchObject({ ok: false, error: { code: 'OPERATOR_UNKNOWN' } });
    // A code the register does not know (a newer version wrote it) reads as the shop's.
    expect(operatorLanguage({ language: 'xx' })).toBeNull();
  });
});

describe('till operator', () => {
  async function setup() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-op-'));
    const data = path.join(dir, 'data');
    await createStore(data, DEFAULT_CONFIG);
    let out: string[] = [];
    let err: string[] = [];
    const run = async (pin: string | null, ...argv: string[]) => {
      out = [];
      err = [];
      const code = await main(['--data', data, 'operator', ...argv], {
        out: (l) => void out.push(l),
        err: (l) => void err.push(l),
        isTTY: false,
        now: () => new Date('2025-03-14T09:00:00Z'),
        readSecret: async () => {
          if (pin === null) throw new Error('no PIN expected');
          return pin;
        },
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    return { data, run };
  }

  it('adds, lists (text and --json), changes a PIN, disables; the PIN is never stored in clear', async () => {
    const { data, run } = await setup();
    expect((await run(null, 'list')).out).toMatch(/No operators yet/);
    expect(await run('9999', 'add', '--id', 'boss', '--name', 'Mai Tran', '--role', 'manager')).toMatchObject({ code: 0, out: 'Added manager Mai Tran (code boss).' });
    expect((await run('1234', 'add', '--id', 'anna', '--name', 'Anna', '--role', 'cashier', '--card', 'OP-77881234')).out).toBe('Added cashier Anna (code anna, badge …1234).');
    const bad = await run('12', 'add', '--id', 'bob', '--name', 'Bob', '--role', 'cashier');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/4 to 8 digits/);
    const dup = await run(null, 'add', '--id', 'anna', '--name', 'Anna 2', '--role', 'cashier');
    expect(dup.err).toMatch(/already exists/);
    const list = await run(null, 'list');
    expect(list.out).toMatch(/anna\s+Anna\s+cashier\s+…1234\s+shop\s+enabled/);
    const json = JSON.parse((await run(null, 'list', '--json')).out);
    expect(json.operators.map((o: { id: string }) => o.id)).toEqual(['anna', 'boss']);
    expect((await run('5678', 'pin', 'anna')).out).toBe('New PIN set for Anna.');
    expect((await run('4321', 'add', '--id', 'olga', '--name', 'Ольга', '--role', 'cashier', '--lang', 'ru')).out).toBe('Added cashier Ольга (code olga, screen in Русский).');
    expect((await run(null, 'add', '--id', 'pierre', '--name', 'Pierre', '--role', 'cashier', '--lang', 'fr')).err).toMatch(/en, vi, zh, ru/);
    expect((await run(null, 'language', 'anna', 'vi')).out).toBe('Anna (anna): the screen speaks Tiếng Việt while they are signed in.');
    expect((await run(null, 'list')).out).toMatch(/anna\s+Anna\s+cashier\s+…1234\s+vi\s+enabled/);
    expect(JSON.parse((await run(null, 'list', '--json')).out).operators.map((o: { language: string | null }) => o.language)).toEqual(['vi', null, 'ru']);
    expect((await run(null, 'language', 'anna', 'shop')).out).toMatch(/the shop's language/);
    expect((await run(null, 'disable', 'boss')).err).toMatch(/only manager/);
    expect((await run(null, 'disable', 'anna')).code).toBe(0);
    expect((await run(null, 'disable', 'ghost')).err).toMatch(/no operator ghost/);
    const files = fs.readdirSync(path.join(data, 'journal')).map((f) => fs.readFileSync(path.join(data, 'journal', f), 'utf8')).join('');
    for (const pin of ['9999', '1234', '5678']) expect(files).not.toMatch(new RegExp(`"${pin}"`));
    const store = await openStore(data, { register: 'R1' });
    try {
      const s = operatorsOf(store.state);
      expect(s.byId.anna.language).toBeNull();
      expect(verifyPin('5678', s.byId.anna.pin)).toBe(true);
      expect(verifyPin('1234', s.byId.anna.pin)).toBe(false);
      expect(s.byId.anna.disabled).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('--operator of the back office', () => {
  it('takes an operator of the store or of the configuration, refuses unknown and disabled ones', async () => {
    const { backOfficeOperator } = await import('../../src/admin/operator-arg.js');
    const { initialState } = await import('../../src/store/fold.js');
    const state = initialState();
    const slice = operatorsOf(state);
    for (const [id, role] of [['boss', 'manager'], ['ann', 'cashier']] as const) {
      const r = planAddOperator(slice, { id, name: id, role }, hashPin('1111', salt, CHEAP), '2025-01-01T00:00:00Z');
      if (r.ok) applyOperatorEvent(slice, r.value.type, r.value.data);
    }
    applyOperatorEvent(slice, 'operator.disabled', { id: 'ann' });
    expect(backOfficeOperator(DEFAULT_CONFIG, state, undefined)).toBe('op1');
    expect(backOfficeOperator(DEFAULT_CONFIG, state, 'BOSS')).toBe('boss');
    expect(() => backOfficeOperator(DEFAULT_CONFIG, state, 'ann')).toThrow(/ann is disabled/);
    expect(() => backOfficeOperator(DEFAULT_CONFIG, state, 'ghost')).toThrow(/op1, boss/);
  });
});
