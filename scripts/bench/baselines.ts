/**
 * The baselines the store's commit is compared with, in the same run and on the same disk:
 *  - bare: append the same bytes to a file and fdatasync (the physical floor);
 *  - naive lowdb: the whole store as one lowdb JSON document, rewritten per sale (lowdb's JSONFile,
 *    i.e. steno: temp file + rename, no fsync) — what the plain design would do;
 *  - SQLite: better-sqlite3, WAL, synchronous=FULL, the same sale inserted with the customer's
 *    points updated in one transaction, on a database holding the same history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { customer, product, PRODUCTS, CUSTOMERS, rng, saleTx } from './data.js';
import { summarize, timeEach, type Summary } from './stats.js';
import { encodeLine } from '../../src/store/line.js';

/** The bytes one sale commit appends (two journal lines), for the bare baseline. */
export function saleBytes(n: number, random: () => number): Buffer {
  const tx = saleTx(n, random);
  let prev = '0'.repeat(64);
  const lines = tx.events.map((e, i) => {
    const { line, hash } = encodeLine({ seq: n * 2 + i, id: '00000000-0000-4000-8000-000000000000', type: e.type, at: new Date().toISOString(), register: 'R1', operator: 'op1', tx: tx.id, txIndex: i + 1, txCount: 2, dataJson: JSON.stringify(e.data), prev });
    prev = hash;
    return line;
  });
  return Buffer.from(lines.join('\n') + '\n');
}

export async function bareAppend(dir: string, n: number): Promise<Summary> {
  const file = path.join(dir, 'bare.jsonl');
  fs.rmSync(file, { force: true });
  const fd = fs.openSync(file, 'w', 0o600);
  const random = rng(7);
  const bufs = Array.from({ length: n }, (_, i) => saleBytes(i + 1, random));
  let size = 0;
  try {
    return await timeEach(n, (i) => {
      fs.writeSync(fd, bufs[i], 0, bufs[i].length, size);
      fs.fdatasyncSync(fd);
      size += bufs[i].length;
    });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
}

/**
 * The bare floor kept open across blocks (the benchmark of issue 12 alternates small blocks of it with
 * the store's commits and SQLite's): the same bytes appended to one growing file, each fdatasync'd.
 */
export function openBare(dir: string): { block(n: number): number[]; close(): void } {
  const file = path.join(dir, 'bare-open.jsonl');
  fs.rmSync(file, { force: true });
  const fd = fs.openSync(file, 'w', 0o600);
  const random = rng(7);
  let size = 0;
  let k = 0;
  return {
    block(n) {
      const bufs = Array.from({ length: n }, () => saleBytes(++k, random));
      const out: number[] = [];
      for (const b of bufs) {
        const t = performance.now();
        fs.writeSync(fd, b, 0, b.length, size);
        fs.fdatasyncSync(fd);
        out.push(performance.now() - t);
        size += b.length;
      }
      return out;
    },
    close() {
      fs.closeSync(fd);
      fs.rmSync(file, { force: true });
    },
  };
}

/** lowdb rewriting a document of `records` records (products + customers + sales) per sale. */
export async function naiveLowdb(dir: string, records: number, n: number): Promise<Summary> {
  const file = path.join(dir, `naive-${records}.json`);
  const sales: { id: string; receiptNo: string; total: number; customerId: string }[] = [];
  const products = Array.from({ length: Math.min(PRODUCTS, records) }, (_, i) => product(i));
  const customers = Array.from({ length: Math.min(CUSTOMERS, Math.max(0, records - products.length)) }, (_, i) => ({ ...customer(i), points: 0 }));
  for (let i = products.length + customers.length; i < records; i++) sales.push({ id: `s${i}`, receiptNo: `R1-${i}`, total: 1000 + (i % 5000), customerId: `C${i % CUSTOMERS}` });
  const db = new Low(new JSONFile<{ products: unknown[]; customers: unknown[]; sales: unknown[] }>(file), { products, customers, sales });
  await db.write();
  try {
    return await timeEach(n, async (i) => {
      db.data.sales.push({ id: `new${i}`, receiptNo: `R1-new${i}`, total: 1234, customerId: 'C000001' });
      await db.write();
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

type SqliteDb = {
  pragma(s: string): unknown;
  exec(s: string): void;
  prepare(s: string): { run(...a: unknown[]): unknown };
  transaction<T extends (...a: never[]) => unknown>(f: T): T;
  close(): void;
};

/** Opens (building once) a SQLite database with the same catalog, customers and sales history. */
function sqliteDb(dir: string, sales: number): SqliteDb | string {
  let Database: new (file: string) => SqliteDb;
  try {
    Database = createRequire(import.meta.url)('better-sqlite3');
  } catch (e) {
    return `better-sqlite3 not available: ${(e as Error).message.split('\n')[0]}`;
  }
  const file = path.join(dir, `history-${sales}.sqlite`);
  const fresh = !fs.existsSync(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (fresh) {
    db.exec('CREATE TABLE products (sku TEXT PRIMARY KEY, barcode TEXT UNIQUE, json TEXT NOT NULL)');
    db.exec('CREATE TABLE customers (id TEXT PRIMARY KEY, card TEXT UNIQUE, points INTEGER NOT NULL, json TEXT NOT NULL)');
    db.exec('CREATE TABLE sales (id TEXT PRIMARY KEY, receipt TEXT UNIQUE, json TEXT NOT NULL)');
    const ip = db.prepare('INSERT INTO products VALUES (?, ?, ?)');
    const ic = db.prepare('INSERT INTO customers VALUES (?, ?, 0, ?)');
    const is = db.prepare('INSERT INTO sales VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < PRODUCTS; i++) {
        const p = product(i);
        ip.run(p.sku, p.barcodes[0], JSON.stringify(p));
      }
      for (let i = 0; i < CUSTOMERS; i++) {
        const c = customer(i);
        ic.run(c.id, c.card, JSON.stringify(c));
      }
    })();
    const random = rng(11);
    for (let b = 0; b < sales; b += 10_000)
      db.transaction(() => {
        for (let i = b; i < Math.min(sales, b + 10_000); i++) {
          const tx = saleTx(i + 1, random, 'H');
          const sale = (tx.events[0].data as { sale: { receiptNo: string } }).sale;
          is.run(tx.id, sale.receiptNo, JSON.stringify(sale));
        }
      })();
  }
  return db;
}

/** The SQLite baseline kept open across blocks (see openBare): the same sale and points update per commit. */
export function openSqlite(dir: string, historySales: number): { block(n: number): number[]; close(): void } | string {
  const db = sqliteDb(dir, historySales);
  if (typeof db === 'string') return db;
  const is = db.prepare('INSERT INTO sales VALUES (?, ?, ?)');
  const up = db.prepare('UPDATE customers SET points = points + ? WHERE id = ?');
  const commit = db.transaction((id: string, receipt: string, json: string, points: number, cust: string) => {
    is.run(id, receipt, json);
    up.run(points, cust);
  });
  const random = rng(Date.now() % 1e9);
  let k = 0;
  return {
    block(n) {
      const txs = Array.from({ length: n }, () => saleTx(9_000_000 + k++, random, 'S'));
      const out: number[] = [];
      for (const tx of txs) {
        const [s, p] = tx.events;
        const sale = (s.data as { sale: { receiptNo: string } }).sale;
        const pts = p.data as { points: number; customerId: string };
        const t = performance.now();
        commit(tx.id, sale.receiptNo, JSON.stringify(s.data), pts.points, pts.customerId);
        out.push(performance.now() - t);
      }
      return out;
    },
    close() {
      db.exec(`DELETE FROM sales WHERE receipt LIKE 'S-%'`);
      db.close();
    },
  };
}

export async function sqliteCommit(dir: string, historySales: number, n: number): Promise<Summary | string> {
  const db = openSqlite(dir, historySales);
  if (typeof db === 'string') return db;
  try {
    return summarize(db.block(n));
  } finally {
    db.close();
  }
}
