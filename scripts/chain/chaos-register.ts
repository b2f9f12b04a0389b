/**
 * One register of the chaos run: a `till headless` process on its own data folder, its PostgreSQL
 * connection through its own TCP proxy (its network), selling in a loop as a cashier would —
 * products, a customer now and then (points earned and, once there are enough, spent), part paid by
 * a gift card of the shared pool, the rest in cash. SIGKILLed by the scheduler at any moment and
 * started again on the same folder by its own loop.
 *
 * A sale is *acknowledged* when the register replied `committed` to the request that paid it: only
 * those are promised to be in PostgreSQL. A sale killed before its reply may or may not be in the
 * journal; the checks hold every journal event to "in the database exactly once" anyway.
 */
import { startTill, type Client } from '../../test/support/headless-process.js';
import type { TcpProxy } from '../../test/support/tcp-proxy.js';
import type { Rng } from './chaos-rng.js';

export interface Acked {
  register: string;
  saleId: string;
  receiptNo: string;
  /** What gift cards paid, per card code (as the register's reply showed the sale's payments). */
  giftCards: number;
  customer: boolean;
}

export interface RegisterStats {
  sales: number;
  withGiftCard: number;
  withCustomer: number;
  withPoints: number;
  refusals: Record<string, number>;
  kills: number;
  starts: number;
}

export class ChaosRegister {
  client: Client | null = null;
  readonly acked: Acked[] = [];
  /** What went wrong that a kill does not explain (reported as violations). */
  readonly defects: string[] = [];
  private readonly killedByUs = new Set<number>();
  readonly stats: RegisterStats = { sales: 0, withGiftCard: 0, withCustomer: 0, withPoints: 0, refusals: {}, kills: 0, starts: 0 };
  private stopping = false;
  private loopDone: Promise<void> | null = null;
  private reqId = 0;
  private readonly regulars: string[];

  constructor(
    readonly id: string,
    readonly dir: string,
    readonly proxy: TcpProxy,
    private readonly r: Rng,
    private readonly pool: { cards: readonly string[]; customers: readonly string[]; products: readonly string[] },
    private readonly log: (line: string) => void,
  ) {
    // Most customers come back to the same register (so points grow enough to be spent there).
    const start = this.r.int(pool.customers.length);
    this.regulars = Array.from({ length: 20 }, (_, i) => pool.customers[(start + i) % pool.customers.length]);
  }

  start(): void {
    this.client = startTill(this.dir);
    // A write to a process the scheduler just killed must not take the driver down.
    this.client.child.stdin.on('error', () => {});
    this.stats.starts++;
  }

  /** SIGKILL from outside, at whatever the register is doing; its loop starts it again. */
  kill(): boolean {
    const c = this.client;
    if (!c || c.child.exitCode !== null || c.child.signalCode !== null) return false;
    this.killedByUs.add(c.child.pid ?? -1);
    c.child.kill('SIGKILL');
    this.stats.kills++;
    return true;
  }

  private async ask(req: Record<string, unknown>): Promise<any> {
    if (!this.client) throw new Error('not running');
    return this.client.ask({ id: ++this.reqId, ...req });
  }

  private refused(reply: any, cmd?: string): void {
    const code = `${reply?.error?.code ?? 'UNKNOWN'}${reply?.error?.code === 'INVALID_IN_STATE' && cmd ? ` (${cmd} in ${reply.state?.status})` : ''}`;
    this.stats.refusals[code] = (this.stats.refusals[code] ?? 0) + 1;
  }

  /** Brings the register to an empty idle screen, whatever a kill or a refusal left it in. */
  async toIdle(): Promise<any> {
    for (let i = 0; i < 6; i++) {
      const s = (await this.ask({ cmd: 'state' })).state;
      if (s.status === 'idle') return s;
      const cmd = s.status === 'committed' || s.status === 'receipt' ? 'next' : s.status === 'balance' ? 'balance_close' : s.status === 'card_amount' ? 'giftcard_cancel' : s.status === 'price_entry' ? 'price_cancel' : 'void';
      await this.ask({ cmd });
    }
    throw new Error(`register ${this.id} does not return to idle`);
  }

  private async sellOne(): Promise<void> {
    const r = this.r;
    for (let i = 0, n = r.between(1, 4); i < n; i++) {
      const reply = await this.ask({ cmd: 'scan', code: r.pick(this.pool.products), ...(r.chance(0.3) ? { qty: r.between(2, 4) } : {}) });
      if (!reply.ok) this.refused(reply, 'scan');
    }
    let customer = false;
    let points = false;
    if (r.chance(0.6)) {
      const who = r.chance(0.75) ? r.pick(this.regulars) : r.pick(this.pool.customers);
      const att = await this.ask({ cmd: 'customer_attach', customer: who });
      if (att.ok) {
        customer = true;
        const cashback = (att.state.rewards ?? []).find((x: { kind: string }) => x.kind === 'cashback');
        if (cashback && r.chance(0.6)) {
          const applied = await this.ask({ cmd: 'reward_apply', program: cashback.program, reward: cashback.reward, points: 'max' });
          if (applied.ok) points = true;
          else this.refused(applied, 'reward_apply');
        }
      } else this.refused(att, 'customer_attach');
    }
    const pay = await this.ask({ cmd: 'pay' });
    if (!pay.ok) {
      this.refused(pay, 'pay');
      await this.toIdle();
      return;
    }
    if (r.chance(0.55)) {
      const due = pay.state.due as number;
      const amount = r.chance(0.5) ? undefined : Math.max(1, Math.min(due, r.between(50, 2500)));
      const gc = await this.ask({ cmd: 'giftcard_pay', code: r.pick(this.pool.cards), ...(amount ? { amount } : {}) });
      if (!gc.ok) this.refused(gc, 'giftcard_pay');
      if (gc.state?.status === 'committed') return this.done(gc.state, customer, points);
      if (gc.state?.status === 'commit_failed') {
        // The card paid the rest and its hold (or the offline rules) refused it at the commit: as a
        // cashier would, take the card's payment off and take cash instead.
        const t = (gc.state.tenders as { payment: string; kind: string }[]).filter((x) => x.kind === 'giftcard').at(-1);
        if (t) await this.ask({ cmd: 'remove_payment', payment: t.payment });
      }
    }
    const paid = await this.ask({ cmd: 'exact' });
    if (paid.ok && paid.state.status === 'committed') return this.done(paid.state, customer, points);
    // Refused at the commit (a hold the chain refused, an offline limit): this sale is given up.
    this.refused(paid, 'exact');
    await this.toIdle();
  }

  private async done(state: any, customer: boolean, points: boolean): Promise<void> {
    const giftCards = (state.tenders as { kind: string; amount: number }[]).filter((t) => t.kind === 'giftcard').reduce((s, t) => s + t.amount, 0);
    this.acked.push({ register: this.id, saleId: state.lastSale.saleId, receiptNo: state.lastSale.receiptNo, giftCards, customer });
    this.stats.sales++;
    if (giftCards) this.stats.withGiftCard++;
    if (customer) this.stats.withCustomer++;
    if (points) this.stats.withPoints++;
    await this.ask({ cmd: 'next' });
  }

  /** Sells until stop(); a kill ends the process mid-request, and the loop starts it again. */
  run(): void {
    this.loopDone = (async () => {
      while (!this.stopping) {
        try {
          if (!this.client || this.client.child.exitCode !== null || this.client.child.signalCode !== null) {
            await sleep(this.r.between(100, 800));
            this.start();
            await this.toIdle();
          }
          await this.sellOne();
          await sleep(this.r.between(0, 120));
        } catch (e) {
          // The process died under the request (a kill): start it again. Anything else — a process
          // that exited by itself, a reply that never came from a live one — is a defect of the
          // register: recorded (the run goes on and reports it with its seed), and the process replaced.
          const c = this.client;
          const alive = c && c.child.exitCode === null && c.child.signalCode === null;
          if (alive) {
            this.defects.push(`${this.id}: ${(e as Error).message}`);
            c.child.kill('SIGKILL');
          }
          const { stderr } = (await c?.close()) ?? { stderr: '' };
          if (!alive && c && c.child.signalCode !== 'SIGKILL') this.defects.push(`${this.id} exited (${c.child.exitCode}) by itself: ${stderr.slice(-1500)}`);
          else if (!alive && c && !this.killedByUs.has(c.child.pid ?? -1)) this.defects.push(`${this.id} was SIGKILLed, not by the scheduler: ${stderr.slice(-1500)}`);
          if (this.defects.length > 20) throw new Error(`register ${this.id}: too many defects: ${this.defects.slice(0, 3).join(' | ')}`);
        }
      }
    })();
  }

  /** Stops selling after the sale in hand; the process keeps running (to drain its outbox). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loopDone;
    if (!this.client || this.client.child.exitCode !== null || this.client.child.signalCode !== null) this.start();
    await this.toIdle();
  }

  async chainState(): Promise<{ online: boolean; salesToSend: number; acked: number }> {
    return (await this.ask({ cmd: 'state' })).state.chain;
  }

  /** Ends the process by closing its input (a clean shutdown); its exit code. */
  async close(): Promise<{ code: number | null; stderr: string }> {
    const c = this.client;
    this.client = null;
    return c ? c.close() : { code: 0, stderr: '' };
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
