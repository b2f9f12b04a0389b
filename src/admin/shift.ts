/**
 * `till shift open|close|status`: the shift from the back office (a kiosk's manager over SSH), with
 * the register's own shift service (src/shift-service.ts): the same checks and refusal codes as at
 * the till. It takes the store's lock, so the register must be closed; the Z it closes is printed
 * here as text (print it on paper at the register: a reprint says COPY).
 */
import { randomUUID } from 'node:crypto';
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError, type Result } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import { currency as currencyOf, parseAmount, toDecimalString, type Minor } from '../domain/money.js';
import type { DenominationCount } from '../domain/denominations.js';
import { readConfig } from '../store/config-file.js';
import { openStore } from '../store/open.js';
import { createShiftService, type ShiftView } from '../shift-service.js';
import { backOfficeOperator } from './operator-arg.js';
import { operatorsOf } from '../store/projections/operators.js';

const usage = `Usage: till shift open --float AMOUNT [--count COUNT] [--operator ID] [--data DIR]
       till shift close --counted AMOUNT [--count COUNT] [--operator ID] [--data DIR]
       till shift status [--data DIR]

open    Opens a shift on this register with the opening float in the drawer.
close   Closes the open shift with the cash counted in the drawer and prints its Z report.
status  The open shift: when and by whom it was opened, its float, sales and the cash expected.
  AMOUNT        a decimal in the store currency: "100.00", "500000"
  --count COUNT the notes and coins counted, VALUExPIECES separated by commas, values as decimals:
                "50.00x1,20.00x2,0.25x4" (must add up to the amount)
  --operator ID who does it: an operator of the configuration or of the store (default: the
                configuration's first)
The register must be closed (this takes the store's lock).`;

function usageError(message: string): never {
  throw new TillError('USAGE', message);
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

function amountOf(text: unknown, cur: string, what: string): Minor {
  const n = typeof text === 'string' ? parseAmount(text, currencyOf(cur)) : null;
  if (n === null) usageError(`${what} must be an amount in ${cur} such as ${currencyOf(cur).exponent ? '"100.00"' : '"500000"'}, got ${JSON.stringify(text ?? '')}`);
  return n;
}

/** "50.00x1,20.00x2" -> { "5000": 1, "2000": 2 } in minor units; the domain checks the values. */
export function parseCount(text: string, cur: string): DenominationCount {
  const out: DenominationCount = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([\d.,\s']+)\s*[x*]\s*(\d{1,7})$/i.exec(part);
    if (!m) usageError(`--count: "${part}" must be VALUExPIECES, e.g. "20.00x3"`);
    const value = amountOf(m[1], cur, '--count value');
    const key = String(value);
    out[key] = (out[key] ?? 0) + Number(m[2]);
  }
  if (!Object.keys(out).length) usageError('--count lists at least one VALUExPIECES');
  return out;
}

function describeShift(v: ShiftView, cur: string): string[] {
  const m = (x: Minor) => `${toDecimalString(x, currencyOf(cur))} ${cur}`;
  return [
    `Shift ${v.shiftId} on register ${v.register}, opened ${v.openedAt} by ${v.openedBy}${v.auto ? ' (by the first sale)' : ''}.`,
    `Float ${m(v.float)}; ${v.sales.count} sale(s), ${m(v.sales.total)}; cash expected in the drawer ${m(v.expectedCash)}.`,
  ];
}

async function run(sub: string, values: Record<string, unknown>, config: TillConfig, ctx: CommandContext): Promise<number> {
  const store = await openStore(ctx.dataDir, { register: config.register.id, operator: config.operators[0].id, now: ctx.now });
  try {
    const operatorId = backOfficeOperator(config, store.state, values.operator as string | undefined);
    const name = config.operators.find((o) => o.id === operatorId)?.name ?? operatorsOf(store.state).byId[operatorId]?.name ?? operatorId;
    const cur = store.state.meta.currency || config.currency;
    const service = createShiftService({
      config,
      store,
      operator: () => ({ id: operatorId, name }),
      newId: randomUUID,
      now: ctx.now,
    });
    const count = values.count === undefined ? undefined : parseCount(String(values.count), cur);
    if (sub === 'status') {
      const v = service.current();
      if (!v) throw new TillError('SHIFT_NOT_OPEN', `No shift is open on register ${config.register.id}.`);
      for (const line of describeShift(v, cur)) ctx.out(line);
      return 0;
    }
    if (sub === 'open') {
      if (values.float === undefined) usageError('open needs --float AMOUNT (0 for an empty drawer)');
      const v = must(await service.open(amountOf(values.float, cur, '--float'), count));
      for (const line of describeShift(v, cur)) ctx.out(line);
      return 0;
    }
    if (values.counted === undefined) usageError('close needs --counted AMOUNT (the cash counted in the drawer)');
    const z = must(await service.close(amountOf(values.counted, cur, '--counted'), count));
    ctx.out(service.text(z).replace(/\s+$/, ''));
    return 0;
  } finally {
    await store.close();
  }
}

export const shiftCommand: AdminCommand = {
  name: 'shift',
  summary: 'open or close the register\u2019s shift from the back office (prints the Z)',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { float: { type: 'string' }, counted: { type: 'string' }, count: { type: 'string' }, operator: { type: 'string' } });
    if (values.help) return ctx.out(usage), 0;
    const [sub, ...extra] = positionals;
    if (!sub || !['open', 'close', 'status'].includes(sub) || extra.length) usageError('say open, close or status');
    return run(sub, values, readConfig(ctx.dataDir), ctx);
  },
};
