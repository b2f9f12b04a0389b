/**
 * Scan to priced cart at 100,000 products: a barcode goes into the checkout actor (the same one the
 * UI and headless drive) and the new snapshot with the priced cart comes out. Also the pure part on
 * its own: store lookup + addProduct + priceCart.
 */
import { readConfig } from '../../src/store/config-file.js';
import { addProduct, emptyCart, priceCart } from '../../src/domain/cart.js';
import { createRegister } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import type { Store } from '../../src/store/types.js';
import { barcodeOf, PRODUCTS, rng } from './data.js';
import { summarize, type Summary } from './stats.js';

export function scanDomain(store: Store, dataDir: string, n: number): Summary {
  const config = readConfig(dataDir);
  const random = rng(5);
  const codes = Array.from({ length: n }, () => barcodeOf(Math.floor(random() * PRODUCTS)));
  let cart = emptyCart();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 20 === 0) cart = emptyCart();
    const t = performance.now();
    const p = store.catalog.byBarcode(codes[i]);
    const r = addProduct(cart, p!, 1, codes[i]);
    if (!r.ok) throw new Error(r.error.message);
    cart = r.value;
    const priced = priceCart(cart, config.tax);
    out.push(performance.now() - t);
    if (priced.lines.length !== cart.lines.length) throw new Error('pricing lost a line');
  }
  return summarize(out);
}

export function scanActor(store: Store, dataDir: string, n: number): Summary {
  const config = readConfig(dataDir);
  const reg = createRegister({ config, store, hardware: createMockHardware() });
  const random = rng(6);
  const codes = Array.from({ length: n }, () => barcodeOf(Math.floor(random() * PRODUCTS)));
  const out: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      if (i % 20 === 0) reg.actor.send({ type: 'cart.void' });
      const before = reg.actor.getSnapshot().context.priced.lines.length;
      const t = performance.now();
      reg.actor.send({ type: 'cart.scan', code: codes[i], source: 'bench' });
      const snap = reg.actor.getSnapshot();
      out.push(performance.now() - t);
      const lines = snap.context.priced.lines.length;
      if (lines < 1 || lines < before || snap.context.message?.level === 'error') throw new Error(`scan did not price: ${JSON.stringify(snap.context.message)}`);
    }
  } finally {
    reg.actor.stop();
  }
  return summarize(out);
}
