/**
 * The golden day of issue 10 (its two returns are taken by the golden test itself), driven through the
 * headless protocol on a real store with the demo catalog, loyalty program and gift cards, and the
 * shop's operators (Anna the cashier, Mai the manager). Shared by the golden test and the benchmark-free
 * checks that reuse the same day.
 */
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { createHeadlessHandler, type HeadlessReply } from '../../src/headless/driver.js';
import { demoGiftCards, demoMemberCards } from '../../src/admin/demo-store.js';
import { shopOperators } from '../operators/support.js';
import type { TillConfig } from '../../src/domain/config.js';

export type Send = (o: Record<string, unknown>) => Promise<HeadlessReply>;

export async function openTill(config: Partial<TillConfig> = {}): Promise<{ t: TestRegister; send: Send }> {
  const t = await createTestRegister({ demo: true, seed: shopOperators(), config });
  const h = createHeadlessHandler(t.register);
  const send: Send = async (o) => h(JSON.stringify(o));
  return { t, send };
}

/** Sends a command and insists it worked (the failure names the command and the refusal). */
export async function must(send: Send, o: Record<string, unknown>): Promise<HeadlessReply> {
  const r = await send(o);
  if (!r.ok) throw new Error(`${JSON.stringify(o)} refused: ${r.error?.code} ${r.error?.message}`);
  return r;
}

const GC = () => `GC${demoGiftCards().active}`;
const LAN = () => demoMemberCards()[0];
const DMITRI = () => demoMemberCards()[1];

/** What each sale scans and how it is paid: [scans, payments, customer?, points reward?]. */
type Pay = { cmd: string; [k: string]: unknown };
type Scan = string | { code: string; qty: number } | { sell: number };
export const SALES: { scans: Scan[]; pay: Pay[]; customer?: () => string; reward?: number }[] = [
  /* 1 */ { scans: ['101'], pay: [{ cmd: 'cash', amount: 500 }] },
  /* 2 */ { scans: ['102', '201'], pay: [{ cmd: 'card', reference: 'A0002' }] },
  /* 3 */ { scans: ['103'], pay: [{ cmd: 'exact' }] },
  /* 4 */ { scans: [{ code: '104', qty: 2 }], pay: [{ cmd: 'card', reference: 'A0004' }] },
  /* 5 */ { scans: ['203', '301'], pay: [{ cmd: 'cash', amount: 1000 }] },
  /* 6 */ { scans: ['304', '401'], pay: [{ cmd: 'card', reference: 'A0006' }] },
  /* 7 */ { scans: ['501', '601'], pay: [{ cmd: 'exact' }] },
  /* 8 */ { scans: ['704'], pay: [{ cmd: 'giftcard_pay', code: GC }] },
  /* 9 */ { scans: [{ code: '101', qty: 2 }], pay: [{ cmd: 'giftcard_pay', code: GC, amount: 300 }, { cmd: 'exact' }] },
  /* 10 */ { scans: ['103'], customer: LAN, reward: 20, pay: [{ cmd: 'card', reference: 'A0010' }] },
  /* 11 */ { scans: ['102', '203'], customer: DMITRI, pay: [{ cmd: 'cash', amount: 1000 }] },
  /* 12 */ { scans: [{ sell: 2000 }], pay: [{ cmd: 'card', reference: 'A0012' }] },
  /* 13 */ { scans: [{ code: '301', qty: 3 }], pay: [{ cmd: 'cash', amount: 400 }] },
  /* 14 */ { scans: ['401'], pay: [{ cmd: 'card', reference: 'A0014' }] },
  /* 15 */ { scans: [{ code: '201', qty: 2 }], pay: [{ cmd: 'exact' }] },
  /* 16 */ { scans: ['104', '101'], pay: [{ cmd: 'card', reference: 'A0016' }] },
  /* 17 */ { scans: ['101'], customer: LAN, pay: [{ cmd: 'exact' }] },
  /* 18 */ { scans: ['304'], pay: [{ cmd: 'cash', amount: 200 }] },
  /* 19 */ { scans: ['501', '601'], customer: LAN, reward: 10, pay: [{ cmd: 'giftcard_pay', code: GC }] },
  /* 20 */ { scans: ['102', '103'], pay: [{ cmd: 'card', reference: 'A0020' }] },
];

/** Rings up sale `i` (0-based) and pays it; resolves with the committed reply. */
export async function ringUp(send: Send, i: number): Promise<HeadlessReply> {
  const s = SALES[i];
  if (s.customer) await must(send, { cmd: 'scan', code: s.customer() });
  for (const sc of s.scans) {
    if (typeof sc === 'string') await must(send, { cmd: 'scan', code: sc });
    else if ('sell' in sc) await must(send, { cmd: 'giftcard_sell', amount: sc.sell });
    else await must(send, { cmd: 'scan', code: sc.code, qty: sc.qty });
  }
  if (s.reward) await must(send, { cmd: 'reward_apply', program: 'coffee-club', reward: 'cashback', points: s.reward });
  await must(send, { cmd: 'pay' });
  let last!: HeadlessReply;
  for (const p of s.pay) last = await must(send, { ...p, ...(typeof p.code === 'function' ? { code: (p.code as () => string)() } : {}) });
  if (last.state.status !== 'committed') throw new Error(`sale ${i + 1} is "${last.state.status}", not committed`);
  await must(send, { cmd: 'next' });
  return last;
}
