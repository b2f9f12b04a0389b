/**
 * Model-based checks over the checkout machine's state graph (xstate/graph). Context is abstracted
 * (state value, line-count bucket, covered flag, tender count and kinds, line kinds, last sale present) so the graph is finite;
 * the events cover every client action plus the commit actor's done and error events.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { covered } from '../../src/domain/tender.js';
import { checkoutMachine } from '../../machines/checkout.machine.js';
import { CODE_A, CODE_B, CODE_C, CODE_UNKNOWN, diskFull, gatedCommit, machineWith, makeDeps, recordFor } from './fixtures.js';
import { Ledger, TODAY } from '../domain/giftcard/harness.js';

type Snap = SnapshotFrom<typeof checkoutMachine>;
type AnyEvent = { type: string; [k: string]: unknown };

// The invoked actor never runs during traversal (the graph uses a mock actor scope); its outcomes are events.
const machine = machineWith(gatedCommit().logic);
const input = makeDeps({ newId: () => 'sale' });

const bucket = (n: number) => (n >= 2 ? '2+' : String(n));
function abstract(s: Snap): string {
  const c = s.context;
  return JSON.stringify({
    value: s.value,
    lines: bucket(c.cart.lines.length),
    covered: c.cart.lines.length > 0 && covered(c.priced.total, c.tenders),
    tenders: bucket(c.tenders.length),
    // Which kinds of payment and line are present, so a gift-card payment or sale is its own node.
    paidBy: [...new Set(c.tenders.map((t) => t.kind))].sort(),
    lineKinds: [...new Set(c.cart.lines.map((l) => l.kind))].sort(),
    lastSale: c.lastSale !== null,
  });
}

/** Every event a client can send, with line and payment ids taken from the state they are sent in. */
function eventsFor(s: Snap, extra: AnyEvent[] = []): AnyEvent[] {
  const c = s.context;
  const line = c.cart.lines[0]?.id ?? 'L1';
  const tender = c.tenders[0]?.id ?? 'T1';
  const evs: AnyEvent[] = [
    { type: 'cart.scan', code: CODE_A },
    { type: 'cart.scan', code: CODE_B, qty: 2 },
    { type: 'cart.scan', code: CODE_UNKNOWN },
    { type: 'cart.scan', code: '' },
    { type: 'cart.qty', lineId: line, qty: 3 },
    { type: 'cart.qty', lineId: line, qty: 0 },
    { type: 'cart.remove', lineId: line },
    { type: 'cart.void' },
    { type: 'tender.start' },
    { type: 'tender.cash', amount: 100 },
    { type: 'tender.cash', amount: 100_000 },
    { type: 'tender.exact' },
    { type: 'tender.card', amount: 100, reference: 'A1' },
    { type: 'tender.card', reference: 'A2' },
    { type: 'tender.card', amount: 10_000_000, reference: 'A3' },
    { type: 'tender.remove', tenderId: tender },
    { type: 'tender.cancel' },
    { type: 'commit.retry' },
    { type: 'sale.next' },
    { type: 'receipt.view' },
    { type: 'receipt.close' },
    { type: 'receipt.reprint' },
    { type: 'message.clear' },
    { type: 'xstate.error.actor.commitSale', error: diskFull() },
    ...extra,
  ];
  if (c.saleId && c.cart.lines.length > 0 && covered(c.priced.total, c.tenders)) {
    evs.push({ type: 'xstate.done.actor.commitSale', output: recordFor({ saleId: c.saleId, cart: c.cart, priced: c.priced, tenders: c.tenders }, 1) });
  }
  return evs;
}

const options = {
  input,
  events: eventsFor as never,
  serializeState: (s: Snap) => abstract(s),
  serializeEvent: (e: AnyEvent) => (e.type.startsWith('xstate.') ? e.type : JSON.stringify(e)),
};

type Graph = Record<string, { state: Snap; transitions: Record<string, { event: AnyEvent; state: Snap }> }>;
const graphOf = (m: typeof machine): Graph => getAdjacencyMap(m, options as never) as unknown as Graph;

const isCommitting = (s: Snap) => s.matches('committing');
const committingIsSafe = (s: Snap) =>
  s.context.saleId !== null && s.context.cart.lines.length > 0 && covered(s.context.priced.total, s.context.tenders);

describe('checkout machine graph', () => {
  const nodes = Object.entries(graphOf(machine));

  it('reaches every state of the machine', () => {
    const values = new Set(nodes.map(([, v]) => JSON.stringify(v.state.value)));
    expect([...values].sort()).toEqual(
      ['"committed"', '"committing"', '"idle"', '"receipt"', '{"open":"commitFailed"}', '{"open":"sale"}', '{"open":"tender"}'].sort(),
    );
  });

  it('(a) every reachable state can be left: some event leads to a different state', () => {
    for (const [key, node] of nodes) {
      const leaves = Object.values(node.transitions).some((t) => JSON.stringify(t.state.value) !== JSON.stringify(node.state.value));
      expect(leaves, `stuck in ${key}`).toBe(true);
    }
  });

  it('(a) from every reachable state an empty sale (idle) can be reached again', () => {
    const canReachIdle = new Set(nodes.filter(([, v]) => v.state.matches('idle')).map(([k]) => k));
    let grew = true;
    while (grew) {
      grew = false;
      for (const [k, v] of nodes) {
        if (canReachIdle.has(k)) continue;
        if (Object.values(v.transitions).some((t) => canReachIdle.has(abstract(t.state)))) {
          canReachIdle.add(k);
          grew = true;
        }
      }
    }
    expect(nodes.map(([k]) => k).filter((k) => !canReachIdle.has(k))).toEqual([]);
  });

  it('(b) every transition into committing carries a non-empty cart whose tenders cover the total', () => {
    let entries = 0;
    for (const [, node] of nodes) {
      for (const t of Object.values(node.transitions)) {
        if (isCommitting(t.state) && !isCommitting(node.state)) {
          entries++;
          expect(committingIsSafe(t.state), `${t.event.type} from ${abstract(node.state)}`).toBe(true);
        }
      }
    }
    expect(entries).toBeGreaterThan(0);
  });

  it('(b) on every shortest path, committing is entered only with covering tenders', () => {
    const paths = getShortestPaths(machine, options as never);
    expect(paths.length).toBe(nodes.length);
    for (const p of paths) for (const step of p.steps) if (isCommitting(step.state as Snap)) expect(committingIsSafe(step.state as Snap)).toBe(true);
    // And the paths that end in committed took a done event from committing.
    const toCommitted = paths.filter((p) => (p.state as Snap).matches('committed'));
    expect(toCommitted.length).toBeGreaterThan(0);
  });

  it('(b) every simple path to committed, replayed on a running actor, enters committing only with covering tenders', async () => {
    const paths = getSimplePaths(machine, { ...options, toState: (s: Snap) => s.matches('committed') } as never);
    expect(paths.length).toBeGreaterThan(20);
    let reached = 0;
    for (const p of paths) {
      const gate = gatedCommit();
      const actor = createActor(machineWith(gate.logic), { input: makeDeps({ newId: () => 'sale' }) });
      let bad = 0;
      actor.subscribe((s) => void (isCommitting(s) && !committingIsSafe(s) && bad++));
      actor.start();
      for (const step of p.steps.slice(1)) {
        const e = step.event as AnyEvent;
        // The commit actor's outcomes come from the actor itself, not from the client.
        if (e.type === 'xstate.done.actor.commitSale' || e.type === 'xstate.error.actor.commitSale') {
          if (!gate.waiting.length) continue;
          if (e.type === 'xstate.done.actor.commitSale') gate.release();
          else gate.fail();
          await waitFor(actor, (s) => !isCommitting(s));
        } else actor.send(e as never);
      }
      if (actor.getSnapshot().matches('committed')) reached++;
      actor.stop();
      expect(bad, p.steps.map((s) => s.event.type).join(' > ')).toBe(0);
    }
    // The abstract paths are real: replayed concretely, they do commit.
    expect(reached).toBe(paths.length);
  });
});

describe('checkout machine random walks (concrete, running actor)', () => {
  it('property: whatever a client sends and however commits end, committing is entered only with a covered non-empty cart', async () => {
    let totalCommits = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(40), fc.boolean()), { maxLength: 60 }), async (script) => {
        const gate = gatedCommit();
        const actor = createActor(machineWith(gate.logic), { input: makeDeps() });
        const violations: string[] = [];
        let prevCommitting = false;
        let commits = 0;
        actor.subscribe((s) => {
          const now = s.matches('committing');
          if (now && !prevCommitting) {
            commits++;
            if (!committingIsSafe(s)) violations.push(abstract(s));
          }
          prevCommitting = now;
        });
        actor.start();
        for (const [i, succeed] of script) {
          if (gate.waiting.length) {
            // The store answers: the sale is durable, or the disk is full.
            if (succeed) gate.release();
            else gate.fail();
            await waitFor(actor, (s) => !s.matches('committing'));
          }
          const evs = eventsFor(actor.getSnapshot()).filter((e) => !e.type.startsWith('xstate.'));
          // Besides what this state accepts, always offer the steps toward payment (ignored where they
          // do not apply), so that walks reach the commit often enough for the property to bite.
          const all: AnyEvent[] = [...evs, { type: 'cart.scan', code: CODE_C }, { type: 'tender.start' }, { type: 'tender.exact' }];
          actor.send(all[i % all.length] as never);
        }
        // An action that threw would leave the actor in "error", silently ignoring the rest of the walk.
        expect(actor.getSnapshot().status).toBe('active');
        actor.stop();
        expect(violations).toEqual([]);
        totalCommits += commits;
      }),
      { numRuns: 1000 },
    );
    // The walks did reach the commit, or the property would be vacuous.
    expect(totalCommits).toBeGreaterThan(0);
  });
});

describe('the graph check has teeth', () => {
  it('finds the violation in a machine whose cover guard only checks for a non-empty cart', () => {
    const broken = machineWith(gatedCommit().logic).provide({ guards: { tendersCoverDue: ({ context }) => context.cart.lines.length > 0 } });
    const bad = Object.values(graphOf(broken)).flatMap((n) => Object.values(n.transitions).filter((t) => isCommitting(t.state) && !isCommitting(n.state) && !committingIsSafe(t.state)));
    expect(bad.length).toBeGreaterThan(0);
  });
});

describe('checkout machine graph with gift cards (sell, prompt for a stock card value, balance, redeem)', () => {
  const ledger = new Ledger();
  const active = ledger.issue(300);
  const stock = ledger.issue(0, { pending: true });
  const gcInput = makeDeps({
    newId: () => 'sale',
    now: () => new Date(`${TODAY}T12:00:00`),
    giftcards: {
      lookup: (c) => ledger.card(c),
      newCode: () => ledger.code(),
      prefix: 'GC',
      sellMode: 'scan-set-amount',
      defaultValidityDays: 365,
      limits: { limitPerMinute: 1000, cooldownSeconds: 60 },
      lineName: 'Gift card',
    },
  });
  const extra: AnyEvent[] = [
    { type: 'cart.scan', code: `GC${active}` },
    { type: 'cart.scan', code: `GC${stock}` },
    { type: 'giftcard.amount', amount: 500 },
    { type: 'giftcard.cancel' },
    { type: 'giftcard.sell', amount: 1000 },
    { type: 'giftcard.check', code: `GC${active}` },
    { type: 'balance.close' },
    { type: 'tender.giftcard', code: `GC${active}` },
  ];
  const gcOptions = { ...options, input: gcInput, events: ((s: Snap) => eventsFor(s, extra)) as never };
  const nodes = Object.values(getAdjacencyMap(machine, gcOptions as never) as unknown as Graph);

  it('reaches the gift-card states too', () => {
    const values = new Set(nodes.map((n) => JSON.stringify(n.state.value)));
    expect(values).toContain('"balance"');
    expect(values).toContain('{"open":"cardAmount"}');
    expect(values).toContain('"committed"');
  });

  it('(a) every reachable state can be left', () => {
    for (const n of nodes) {
      const leaves = Object.values(n.transitions).some((t) => JSON.stringify(t.state.value) !== JSON.stringify(n.state.value));
      expect(leaves, `stuck in ${abstract(n.state)}`).toBe(true);
    }
  });

  it('(b) committing is entered only with a non-empty cart whose tenders (gift cards included) cover the total', () => {
    let entries = 0;
    let byCard = 0;
    let cardSold = 0;
    for (const n of nodes)
      for (const t of Object.values(n.transitions))
        if (isCommitting(t.state) && !isCommitting(n.state)) {
          entries++;
          expect(committingIsSafe(t.state), `${t.event.type} from ${abstract(n.state)}`).toBe(true);
          if (t.state.context.tenders.some((x) => x.kind === 'giftcard')) byCard++;
          if (t.state.context.cart.lines.some((l) => l.kind === 'giftcard')) cardSold++;
        }
    expect(entries).toBeGreaterThan(0);
    // The model reaches commits paid by a gift card and commits that sell one.
    expect(byCard).toBeGreaterThan(0);
    expect(cardSold).toBeGreaterThan(0);
  });
});
