/** Runs `till customer` / `till loyalty` through the CLI against a real store in a temp folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.js';
import { createStore } from '../../src/admin/init.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { openStore } from '../../src/store/open.js';
import { loyaltyOf, type LoyaltySlice } from '../../src/store/projections/loyalty.js';
import { plainCopy } from '../../src/store/compact/record.js';
import type { SaleLoyalty } from '../../src/domain/loyalty/types.js';

export class Harness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-loyalty-admin-'));
  readonly data = path.join(this.dir, 'data');
  out: string[] = [];
  err: string[] = [];
  now = new Date(2025, 2, 10, 12, 0, 0);

  async init(): Promise<this> {
    await createStore(this.data, { ...DEFAULT_CONFIG, loyalty: { phoneCountryCode: '84' } });
    return this;
  }

  async run(...argv: string[]): Promise<number> {
    this.out = [];
    this.err = [];
    return main(['--data', this.data, ...argv], { out: (l) => void this.out.push(l), err: (l) => void this.err.push(l), isTTY: false, now: () => this.now });
  }

  file(name: string, content: string | object): string {
    const f = path.join(this.dir, name);
    fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  }

  async slice(): Promise<LoyaltySlice> {
    const store = await openStore(this.data, { register: 'R1' });
    try {
      // A copy (compact accounts are a Proxy, which structuredClone refuses).
      return plainCopy(loyaltyOf(store.state));
    } finally {
      await store.close();
    }
  }

  /** A sale with a loyalty extension, as the checkout commits it. */
  async sale(n: number, loyalty: SaleLoyalty): Promise<void> {
    const store = await openStore(this.data, { register: 'R1' });
    try {
      const saleId = `sale-${n}`;
      await store.commit({ id: saleId, events: [{ type: 'sale.committed', data: { sale: { saleId, receiptNo: `R1-${String(n).padStart(6, '0')}`, register: 'R1', total: loyalty.spend, extensions: { loyalty } } } }] });
    } finally {
      await store.close();
    }
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const PROGRAM_FILE = {
  programs: [
    {
      id: 'cb', name: 'Cashback 1%', decimals: 0, step: 1, expiryDays: 30,
      rules: [{ id: 'base', points: '0.01', perAmount: '1.00' }],
      rewards: [{ id: 'cash', name: 'Cashback', type: 'cashback', value: '1.00' }],
    },
  ],
  tiers: {
    basis: 'spend', demotion: true,
    levels: [{ id: 'std', name: 'Standard', threshold: 0 }, { id: 'silver', name: 'Silver', threshold: '1000.00', discount: 5 }],
  },
};

export const saleExt = (customerId: string, spend: number, earned = 0, day = '2025-03-01'): SaleLoyalty => ({
  v: 1, customerId, cardNumber: '', day, spend, tierBefore: null, tierAfter: null, promoted: false, tierDiscount: 0,
  programs: earned ? [{ programId: 'cb', name: 'Cashback 1%', earned, spent: 0, balanceBefore: 0, balanceAfter: earned, expiringSoon: 0, rewards: [] }] : [],
});
