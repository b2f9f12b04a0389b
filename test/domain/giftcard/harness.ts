/** A journal in memory for gift-card domain tests: commits drafts into a slice through the real fold. */
import { applyGiftCardEvent, applySaleGiftCards, emptySlice, generateCode, planIssue } from '../../../src/domain/giftcard/index.js';
import type { EventOrigin, GiftCard, GiftCardDraft, GiftCardSlice, SaleGiftCards } from '../../../src/domain/giftcard/index.js';

export const TODAY = '2026-03-10';

export class Ledger {
  slice: GiftCardSlice = emptySlice();
  seq = 0;
  private n = 0;

  origin(operator = 'op1'): EventOrigin {
    this.seq++;
    return { seq: this.seq, at: `2026-03-10T10:00:${String(this.seq % 60).padStart(2, '0')}.000Z`, operator, register: 'R1', tx: `tx${this.seq}` };
  }

  commit(drafts: GiftCardDraft[], operator = 'op1'): void {
    for (const d of drafts) applyGiftCardEvent(this.slice, d.type, d.data, this.origin(operator));
  }

  commitSale(ext: SaleGiftCards, currency = 'USD', receiptNo = 'R1-000001'): void {
    applySaleGiftCards(this.slice, ext, { saleId: `sale-${receiptNo}`, receiptNo, currency }, this.origin());
  }

  card(code: string): GiftCard | undefined {
    return this.slice.cards[code];
  }

  /** A fresh valid code (deterministic bytes). */
  code(): string {
    this.n++;
    const bytes = new Uint8Array(12);
    for (let i = 0; i < 12; i++) bytes[i] = (this.n * 31 + i * 17 + (this.n >> 3) * 7) & 0xff;
    bytes[0] = this.n & 0xff;
    bytes[1] = (this.n >> 8) & 0xff;
    return generateCode(bytes);
  }

  /** Issues an active card of `value` (or pending stock) and returns its code. */
  issue(value: number, opts: Partial<Parameters<typeof planIssue>[1]> = {}): string {
    const code = opts.code ?? this.code();
    const r = planIssue(this.card(code), { code, currency: 'USD', faceValue: value, pending: false, today: TODAY, ...opts });
    if (!r.ok) throw r.error;
    this.commit(r.value, 'admin');
    return code;
  }
}
