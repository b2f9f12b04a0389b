/**
 * Golden receipts in every language (issue 13): on each language's demo store, a sale with a loyalty
 * customer who pays part with points (the cashback reward), part with the demo gift card and the
 * rest in cash with change; then the shift's Z report. Asserted on the plain text and on the ESC/POS
 * bytes the printer gets (CP1258 for Vietnamese, GB18030/GBK in Chinese mode, CP866 for Russian), with
 * the golden files in test/register/golden/ (UPDATE_GOLDEN=1 rewrites them after a deliberate change).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createTestRegister, TEST_DAY, type TestRegister } from '../support/register-fixture.js';
import { createHeadlessHandler, type HeadlessReply } from '../../src/headless/driver.js';
import { demoConfig, demoExtras, demoGiftCards, demoLocale, demoMemberCards, demoProducts } from '../../src/admin/demo-store.js';
import { LANGUAGES, setLanguage } from '../../src/i18n/index.js';

// The receipt prints the shop's local time: each shop in its own zone, whatever the machine's.
const ZONES: Record<string, string> = { en: 'America/New_York', vi: 'Asia/Ho_Chi_Minh', zh: 'Asia/Shanghai', ru: 'Europe/Moscow' };
const ROUND: Record<string, { gift: number; cash: number; points: number }> = {
  USD: { gift: 100, cash: 1_000, points: 20 },
  VND: { gift: 1_000, cash: 50_000, points: 20 },
  CNY: { gift: 100, cash: 5_000, points: 200 },
  RUB: { gift: 100, cash: 50_000, points: 100 },
};

const GOLDEN = new URL('./golden/', import.meta.url);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').replace(/(.{64})/g, '$1\n').trimEnd() + '\n';
function golden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) fs.writeFileSync(file, actual);
  expect(actual, name).toBe(fs.readFileSync(file, 'utf8'));
}

let r: TestRegister | null = null;
const savedTz = process.env.TZ;
afterEach(async () => {
  await r?.close();
  r = null;
  process.env.TZ = savedTz;
  setLanguage('en');
});

async function daySale(lang: string) {
  process.env.TZ = ZONES[lang];
  const l = demoLocale(lang);
  r = await createTestRegister({ config: demoConfig(lang), products: demoProducts(lang), seed: demoExtras(TEST_DAY, lang) });
  const handle = createHeadlessHandler(r.register);
  const send = async (cmd: Record<string, unknown>): Promise<HeadlessReply> => {
    const reply = await handle(JSON.stringify(cmd));
    expect(reply.ok, `${JSON.stringify(cmd)}: ${reply.error?.message}`).toBe(true);
    return reply;
  };
  const round = ROUND[l.config.currency];
  await send({ cmd: 'scan', code: '101' });
  await send({ cmd: 'scan', code: '201' });
  await send({ cmd: 'scan', code: '301', qty: 2 });
  await send({ cmd: 'scan', code: demoMemberCards()[1] });
  await send({ cmd: 'reward_apply', program: l.program.id, reward: 'cashback', points: round.points });
  let s = (await send({ cmd: 'pay' })).state;
  await send({ cmd: 'giftcard_pay', code: demoGiftCards().active, amount: Math.floor(s.due / 2 / round.gift) * round.gift });
  s = (await send({ cmd: 'state' })).state;
  s = (await send({ cmd: 'cash', amount: Math.ceil(s.due / round.cash) * round.cash })).state;
  expect(s.status).toBe('committed');
  await r.register.settled();
  const receipt = r.hardware.printer.jobs[0];
  // A return of one of the two 301s, refunded the way the sale was paid (points, gift card, cash),
  // approved by the demo manager when the store asks for it: its receipt is golden too, and the Z counts it.
  const receiptNo = s.lastSale!.receiptNo;
  const opened = (await send({ cmd: 'return_open', receipt: receiptNo })).state;
  const line301 = opened?.return?.lines?.find((l) => l.sold === 2);
  await send({ cmd: 'return_line', line: line301!.line, qty: 1 });
  await send({ cmd: 'return_commit', manager_pin: '9999' });
  await r.register.settled();
  const returned = r.hardware.printer.jobs.at(-1)!;
  await send({ cmd: 'return_close' });
  const z = await send({ cmd: 'shift_close', counted: (await send({ cmd: 'state' })).state.shift!.expectedCash });
  await r.register.settled();
  return { receipt, returned, z: r.hardware.printer.jobs.at(-1)!, reply: z };
}

/**
 * The Z ends with the hash of the journal line it covers, and the seeded events' envelopes (ids,
 * times) differ from run to run: that one value is masked, in the text and in its ASCII bytes.
 */
function maskHash(job: { text: string; bytes: Uint8Array }): { text: string; bytes: Uint8Array } {
  const hash = /\b([0-9a-f]{16})[ \t]*$/m.exec(job.text)?.[1];
  expect(hash, 'the Z names the hash of its last journal line').toMatch(/^[0-9a-f]{16}$/);
  const mask = '0'.repeat(16);
  const bytes = Buffer.from(job.bytes);
  const at = bytes.indexOf(Buffer.from(hash!, 'latin1'));
  expect(at).toBeGreaterThan(0);
  Buffer.from(mask, 'latin1').copy(bytes, at);
  return { text: job.text.replace(hash!, mask), bytes };
}

describe.each(LANGUAGES)('%s', (lang) => {
  it('a sale with loyalty points, a gift card and cash, a return of one item: receipt, return receipt and Z report, text and bytes', async () => {
    const { receipt, returned, z } = await daySale(lang);
    golden(`receipt-${lang}.txt`, receipt.text);
    golden(`receipt-${lang}.hex`, hex(receipt.bytes));
    golden(`return-${lang}.txt`, returned.text);
    golden(`return-${lang}.hex`, hex(returned.bytes));
    const zm = maskHash(z);
    golden(`z-${lang}.txt`, zm.text);
    golden(`z-${lang}.hex`, hex(zm.bytes));
  });
});

/** The words a cashier checks on paper, read back from the bytes with the printer's code page. */
describe('the printer gets each language in its code page', () => {
  const has = (bytes: Uint8Array, part: number[]) => Buffer.from(bytes).includes(Buffer.from(part));
  // Decoded as the printer reads it; CP1258 spells Vietnamese with combining tone marks, NFC joins them.
  const paper = (bytes: Uint8Array, encoding: string) => iconv.decode(Buffer.from(bytes), encoding).normalize('NFC');
  it.each([
    ['vi', [0x1b, 0x74, 52], 'win1258', ['TỔNG CỘNG', 'Tiền thừa', 'Thẻ quà tặng', 'Điểm cộng', 'Thu ngân: Nguyễn Thị Hương'], ['BÁO CÁO Z', 'Tiền đếm được'], ['TRẢ HÀNG', 'HOÀN TIỀN', 'Tiền mặt']],
    ['zh', [0x1c, 0x26], 'gbk', ['合计', '找零', '礼品卡', '积分余额', '收银员：李娜'], ['Z 报表', '实点现金'], ['退货', '退款', '现金']],
    ['ru', [0x1b, 0x74, 17], 'cp866', ['ИТОГ', 'Сдача', 'Подарочной картой', 'Баланс баллов', 'Кассир: Ирина Петрова'], ['Z-ОТЧЁТ', 'Пересчитано'], ['ВОЗВРАТ', 'К ВОЗВРАТУ', 'Наличными']],
  ])('%s', async (lang, select, encoding, receiptWords, zWords, returnWords) => {
    const { receipt, returned, z } = await daySale(lang);
    expect(has(returned.bytes, select as number[]), 'return receipt code page selected').toBe(true);
    for (const w of returnWords as string[]) expect(paper(returned.bytes, encoding as string), w).toContain(w);
    expect(has(receipt.bytes, select as number[]), 'receipt code page selected').toBe(true);
    expect(has(z.bytes, select as number[]), 'Z code page selected').toBe(true);
    for (const w of receiptWords as string[]) expect(paper(receipt.bytes, encoding as string), w).toContain(w);
    for (const w of zWords as string[]) expect(paper(z.bytes, encoding as string), w).toContain(w);
  });
});
