/**
 * `till headless`: JSON Lines in, JSON Lines out, over the same checkout actor as the UI (see
 * docs/headless.md). One reply per non-empty input line, in order. A reply to a command that leads
 * into `committing` is written only after the machine has left it, so a client that reads
 * status "committed" knows the sale is on disk. Bad input never stops the driver.
 */
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { waitFor } from 'xstate';
import type { Register } from '../register.js';
import { errorMessage } from '../i18n/index.js';
import type { CheckoutMessage } from '../../machines/checkout.types.js';
import { toHeadlessState, type HeadlessState } from './state.js';
import { pendingQuestion } from '../../machines/checkout.confirm.js';
import { MAX_LINE_BYTES, parseRequest, type Request, type RequestId } from './protocol.js';
import { readLines } from './lines.js';
import { runShiftCommand, shiftState, type ShiftReplyPart } from './shift.js';
import { returnState, runReturnCommand, type ReturnReplyPart } from './returns.js';
import { maskCard } from '../domain/loyalty/card.js';
import type { LoyaltyAccount } from '../domain/loyalty/types.js';
import { sanitizeLine } from '../domain/text-safety.js';
import type { ParkedView } from '../park-service.js';
import type { Product } from '../domain/catalog.js';

export interface HeadlessIo {
  input: Readable;
  output: Writable;
}

export interface HeadlessReply extends ShiftReplyPart, ReturnReplyPart {
  id?: RequestId;
  ok: boolean;
  error?: { code: string; message: string };
  state: HeadlessState;
  /** Only for `receipt` and `reprint` (`kind`: "sale" or "return"). */
  receipt?: { receiptNo: string; text: string; kind?: 'sale' | 'return' };
  /** Only for `reprint`: how the copy's print went (a failed one waits for the printer). */
  printed?: { ok: boolean; code?: string };
  /** Only for `customer_search` and `customer_create`. Card numbers are masked to their last four digits. */
  customers?: CustomerSummary[];
  /** Only for `parked` (the parks waiting, oldest first) and `park_discard` (the one discarded). */
  parked?: ParkedView[];
  /** Only for `product_search`: pass a `sku` to `add`. */
  products?: ProductSummary[];
  /** Only for `quick_keys`: the grid's pages, each key with the sku `add` takes. */
  quickKeys?: { title: string; keys: { key: string; label: string; sku: string }[] }[];
}

export interface ProductSummary {
  sku: string;
  name: string;
  /** Minor units; per kg when soldBy is "weight"; not used when openPrice. */
  price: number;
  barcodes: string[];
  openPrice?: true;
  soldBy?: 'weight';
}

const productSummary = (p: Product): ProductSummary => ({
  sku: p.sku,
  name: sanitizeLine(p.name),
  price: p.price,
  barcodes: [...p.barcodes],
  ...(p.openPrice ? { openPrice: true as const } : {}),
  ...(p.soldBy === 'weight' ? { soldBy: 'weight' as const } : {}),
});

export interface CustomerSummary {
  id: string;
  name: string;
  card: string;
  tier: string | null;
  blocked: boolean;
  /** Balance per program, in the program's smallest point unit. */
  points: Record<string, number>;
}

/** The operator in `state.session`, name as one clean line. */
const signedIn = (o: { id: string; name: string; role: string }) => ({ ...o, name: sanitizeLine(o.name) });
const summary = (a: LoyaltyAccount): CustomerSummary => ({ id: a.id, name: sanitizeLine(a.name), card: maskCard(a.card), tier: a.tier, blocked: a.blocked, points: { ...a.points } });

const parkedRow = (p: ParkedView): ParkedView => ({ ...p, operator: { id: p.operator.id, name: sanitizeLine(p.operator.name) } });

const SESSION_COMMANDS = new Set(['sign_in', 'unlock', 'sign_out', 'lock']);

/** Answers one request line. Exported for tests and other transports (a socket, a customer display). */
export function createHeadlessHandler(register: Register): (line: string) => Promise<HeadlessReply> {
  const { actor } = register;
  const language = register.config.language;
  const text = (m: CheckoutMessage) => errorMessage({ code: m.code, message: m.text, params: m.params }, language);
  const h = register.hardware;
  const questionText = (q: { code: string; text: string; params: Record<string, string | number> }) => errorMessage({ code: q.code, message: q.text, params: q.params }, language);
  const state = (): HeadlessState => withReturn({
    ...toHeadlessState(actor.getSnapshot(), { messageText: text, questionText, storeNotices: register.storeNotices, chain: register.chainStatus }),
    session: { status: register.session.status(), required: register.session.required(), operator: register.session.status() === 'signedIn' ? signedIn(register.session.operator()) : null },
    devices: { scanner: h.scanner.status(), printer: h.printer.status(), drawer: h.drawer.status(), receiptsWaiting: h.printer.pending().length, ...(h.scanner.problem?.() ? { scannerProblem: h.scanner.problem!()! } : {}) },
    shift: shiftState(register),
  });
  /** A return being taken covers the checkout: status "return"; a return just saved is shown until the next step. */
  function withReturn(s: HeadlessState): HeadlessState {
    const r = returnState(register, text);
    if (!r) return s;
    const m = register.returns.actor.getSnapshot().context.message;
    return { ...s, ...(r.status !== 'done' ? { status: 'return' as const } : {}), ...(m && r.status !== 'done' ? { message: { code: m.code, text: text(m), level: m.level } } : {}), return: r };
  }
  /** Sign-in, unlock, sign-out, lock: events of the session machine; a refusal is the message it sets. */
  function sessionCommand(id: RequestId | undefined, sv: { cmd: 'sign_in'; operator: string; pin: string } | { cmd: 'unlock'; pin: string } | { cmd: 'sign_out' } | { cmd: 'lock' }): HeadlessReply {
    const s = register.session.actor;
    const before = s.getSnapshot().context.message;
    const status = register.session.status();
    if (sv.cmd === 'sign_in') {
      if (status === 'signedIn' || status === 'locked')
        return refuse(id, 'ALREADY_SIGNED_IN', status === 'locked' ? 'The till is locked: "unlock" with the PIN, or "sign_out" between sales.' : `${register.operator.name} is signed in: "sign_out" first.`);
      s.send({ type: 'session.operator', code: sv.operator });
      if (register.session.status() === 'pin') s.send({ type: 'session.pin', pin: sv.pin });
    } else if (sv.cmd === 'unlock') {
      if (status !== 'locked') return refuse(id, 'NOT_LOCKED', 'The till is not locked.');
      s.send({ type: 'session.pin', pin: sv.pin });
    } else s.send({ type: sv.cmd === 'sign_out' ? 'session.signOut' : 'session.lock' });
    const m = s.getSnapshot().context.message;
    if (m && m !== before && m.level === 'error') {
      // A failed sign-in goes back to the operator code: the next sign_in starts afresh.
      if (register.session.status() === 'pin') s.send({ type: 'session.cancel' });
      return refuse(id, m.code, text(m));
    }
    return withId(id, { ok: true, state: state() });
  }
  const withId = (id: RequestId | undefined, r: Omit<HeadlessReply, 'id'>): HeadlessReply => (id === undefined ? r : { id, ...r });
  const refuse = (id: RequestId | undefined, code: string, message: string): HeadlessReply =>
    withId(id, { ok: false, error: { code, message: sanitizeLine(message) }, state: state() });

  async function handle(req: Request): Promise<HeadlessReply> {
    if (req.kind === 'invalid') return refuse(req.id, req.code, req.message);
    const before = actor.getSnapshot();
    if (before.status !== 'active') return refuse(req.id, 'REGISTER_STOPPED', errorMessage({ code: 'REGISTER_STOPPED', message: 'The register has stopped. Restart till.' }, language));
    if (req.kind === 'service' && SESSION_COMMANDS.has(req.service.cmd)) {
      const sv = req.service as Extract<typeof req.service, { cmd: 'sign_in' | 'unlock' | 'sign_out' | 'lock' }>;
      return sessionCommand(req.id, sv);
    }
    // Nothing but sign-in and reading the state while nobody is signed in.
    const st = register.session.status();
    if (st !== 'signedIn' && !(req.kind === 'query' && req.cmd === 'state'))
      return refuse(req.id, st === 'locked' ? 'LOCKED' : 'SIGNED_OUT', st === 'locked' ? 'The till is locked: unlock it with the PIN ("unlock").' : 'Sign in first ("sign_in" with "operator" and "pin").');
    register.session.actor.send({ type: 'session.activity' });
    if (req.kind === 'return') {
      const r = await runReturnCommand(register, req.ret);
      if (!r.ok) return refuse(req.id, r.code, r.message);
      return withId(req.id, { ok: true, state: state(), ...r.value });
    }
    // The checkout waits while a return is taken; a return just saved gives way to the next step.
    if (register.returns.active() && !(req.kind === 'query' && req.cmd === 'state'))
      return refuse(req.id, 'RETURN_OPEN', errorMessage({ code: 'RETURN_OPEN', message: 'A return is open: finish it or cancel it (Esc) first.' }, language));
    if (register.returns.actor.getSnapshot().value === 'done' && !(req.kind === 'query')) register.returns.actor.send({ type: 'return.close' });
    if (req.kind === 'shift') {
      const r = await runShiftCommand(register, req.shift);
      if (!r.ok) return refuse(req.id, r.error.code, errorMessage({ code: r.error.code, message: r.error.message, params: r.error.params }, language));
      return withId(req.id, { ok: true, state: state(), ...r.value });
    }
    if (req.kind === 'service') {
      const sv = req.service as Exclude<typeof req.service, { cmd: 'sign_in' | 'unlock' | 'sign_out' | 'lock' }>;
      if (sv.cmd === 'customer_search') return withId(req.id, { ok: true, state: state(), customers: register.customers.search(sv.query, sv.limit).map(summary) });
      if (sv.cmd === 'reprint') {
        const f = register.receipts.find(sv.receipt);
        if (!f.ok) return refuse(req.id, f.error.code, errorMessage(f.error, language));
        const printed = await register.receipts.print(f.value);
        return withId(req.id, { ok: true, state: state(), receipt: { receiptNo: f.value.receiptNo, kind: f.value.kind, text: f.value.text }, printed });
      }
      if (sv.cmd === 'park_discard') {
        const d = await register.parked.discard(sv.park);
        if (!d.ok) return refuse(req.id, d.error.code, errorMessage(d.error, language));
        return withId(req.id, { ok: true, state: state(), parked: [parkedRow(d.value)] });
      }
      if (sv.cmd === 'product_search') return withId(req.id, { ok: true, state: state(), products: register.products.search(sv.query, sv.limit).map(productSummary) });
      if (sv.cmd === 'quick_keys')
        return withId(req.id, { ok: true, state: state(), quickKeys: register.quickKeys.map((p) => ({ title: sanitizeLine(p.title), keys: p.keys.map((k) => ({ key: k.key, label: sanitizeLine(k.label), sku: k.product.sku })) })) });
      const created = await register.customers.create(sv.input);
      if (!created.ok) {
        // Like every refusal: the reason is also the state's message, and nothing else changes.
        const { code, message, params } = created.error;
        actor.send({ type: 'message.refusal', code, text: message, params });
        return refuse(req.id, code, errorMessage({ code, message, params }, language));
      }
      // The full card number is returned once, to the client that created it (to print or hand over).
      return withId(req.id, { ok: true, state: state(), customers: [{ ...summary(created.value), card: created.value.card }] });
    }
    if (req.kind === 'query') {
      if (req.cmd === 'state') return withId(req.id, { ok: true, state: state() });
      if (req.cmd === 'parked') return withId(req.id, { ok: true, state: state(), parked: register.parked.list().map(parkedRow) });
      const sale = before.context.lastSale;
      if (!sale) return refuse(req.id, 'NO_LAST_RECEIPT', errorMessage({ code: 'NO_LAST_RECEIPT', message: 'There is no receipt yet.' }, language));
      const body = register.receiptText(sale);
      return withId(req.id, { ok: true, state: state(), receipt: { receiptNo: sale.receiptNo, text: body } });
    }
    // A question waits: its answer, or any other command, which answers it "no" first (as a key or a scan does in the UI).
    const question = pendingQuestion(before);
    if (req.event.type === 'confirm.accept' || req.event.type === 'confirm.reject') {
      if (!question) return refuse(req.id, 'NO_QUESTION', errorMessage({ code: 'NO_QUESTION', message: 'There is no question to answer.' }, language));
    } else if (before.context.confirm) {
      actor.send({ type: 'confirm.reject' });
      return handle({ ...req });
    }
    if (req.approval) {
      const a = register.approve(req.approval.action, req.approval.pin);
      if (!a.ok && a.error.code !== 'APPROVAL_NOT_NEEDED') return refuse(req.id, a.error.code, errorMessage({ code: a.error.code, message: a.error.message, params: a.error.params }, language));
    }
    if (!before.can(req.event)) {
      const status = toHeadlessState(before).status;
      return refuse(req.id, 'INVALID_IN_STATE', errorMessage({ code: 'INVALID_IN_STATE', message: `"${req.cmd}" is not possible while the register is in "${status}".`, params: { cmd: req.cmd, status } }, language));
    }
    actor.send(req.event);
    // Durability first: the reply waits for the journal's answer (committed or commit_failed), and on
    // a chain for the database's answer to a hold (the payment or reward is on the sale, or refused).
    const committing = (s: { value: unknown }) =>
      s.value === 'committing' || s.value === 'parking' || s.value === 'recalling' || (typeof s.value === 'object' && s.value !== null && (s.value as { open?: unknown }).open === 'holding');
    const after = committing(actor.getSnapshot()) ? await waitFor(actor, (s) => !committing(s)) : actor.getSnapshot();
    // The command asked a question instead of acting: not done, and the reply says what is asked.
    const asked = pendingQuestion(after);
    if (asked && asked !== before.context.confirm) return refuse(req.id, asked.code, questionText(asked));
    const m = after.context.message;
    // A refusal is an error message this event put there; an older message is not this command's fault.
    if (m && m.level === 'error' && m !== before.context.message) return refuse(req.id, m.code, text(m));
    return withId(req.id, { ok: true, state: state() });
  }

  return async (line) => {
    const req = parseRequest(line);
    try {
      return await handle(req);
    } catch (e) {
      return refuse(req.id, 'INTERNAL_ERROR', `The command failed unexpectedly: ${(e as Error)?.message ?? String(e)}`);
    }
  };
}

/**
 * Runs the protocol until the end of input; resolves once effects started by the commands (printing,
 * drawer) have settled. A client that closed its end of the output (EPIPE) ends the run quietly: the
 * input is no longer read (nobody would see the replies) and the caller closes the store as usual.
 */
export async function runHeadless(register: Register, io: HeadlessIo): Promise<void> {
  const handle = createHeadlessHandler(register);
  let outputError: Error | null = null;
  const onError = (e: Error) => {
    if (outputError) return;
    outputError = e;
    io.input.destroy(); // stop waiting for lines whose replies nobody reads
  };
  io.output.on('error', onError);
  const write = async (reply: HeadlessReply) => {
    if (outputError || io.output.destroyed) return;
    if (!io.output.write(`${JSON.stringify(reply)}\n`)) await Promise.race([once(io.output, 'drain'), once(io.output, 'close')]).catch(() => {});
  };
  try {
    for await (const line of readLines(io.input, MAX_LINE_BYTES)) {
      if (outputError) break; // the client is gone: nobody reads the replies
      if (line.tooLong) {
        await write({ ok: false, error: { code: 'BAD_REQUEST', message: `The line is longer than ${MAX_LINE_BYTES} bytes.` }, state: toHeadlessState(register.actor.getSnapshot()) });
        continue;
      }
      if (line.text.trim() === '') continue;
      await write(await handle(line.text));
    }
  } catch (e) {
    if (!outputError) throw e; // reading stopped because the output closed: a quiet end
  } finally {
    await register.settled();
    // Stays attached: a write still buffered may report the closed pipe after we return.
    if (!outputError) io.output.off('error', onError);
  }
}
