/**
 * `till report x|z|sales`: the shift reports in the back office. X and Z are read from the shifts
 * projection (the store as it is on disk, read-only, without the lock: safe while the register
 * runs); a Z shown here is a reprint and says COPY. `sales --from --to` streams the journal over the
 * range (it never loads the history at once) and totals it with the same folds as a shift.
 * Draws nothing and never loads Ink.
 */
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import { addDays, isDate, localDate } from '../domain/giftcard/dates.js';
import { buildRangeReport, buildShiftReport, closedShift, nameOperators, openShiftOf, reportCsv, type ShiftReport } from '../domain/shift/index.js';
import { dayRows, emptyRange, foldRange } from '../domain/shift/range.js';
import { readConfig } from '../store/config-file.js';
import { readStoreState } from '../store/read-state.js';
import { streamTransactions } from '../store/journal-stream.js';
import { shiftSlice } from '../store/projections/shifts.js';
import type { LoyaltySlice } from '../store/projections/loyalty.js';
import { getOwn } from '../store/projections/own.js';
import type { StoreState } from '../store/types.js';
import { configOperatorName, reportText } from '../report-job.js';

const usage = `Usage: till report x [--register R] [--csv | --json] [--width N] [--data DIR]
       till report z [--register R] [--z N] [--csv | --json] [--width N] [--data DIR]
       till report sales --from DATE --to DATE [--register R] [--csv | --json] [--width N] [--data DIR]

x      The X report of the register's open shift: sales, tax per class, categories, payments, cash
       expected in the drawer, cash movements, voids, no-sales, gift cards, points, operators.
z      A closed shift's Z report (default: the register's last; --z N for Z number N), printed
       "COPY": a closed Z never changes.
sales  Totals of every sale, void, cash movement and points movement from DATE to DATE (local
       days, YYYY-MM-DD, inclusive), per day, with the Z reports closed in the range. Reads the
       journal over the range.
  --register R  default: this register (register.id of the configuration)
  --csv         one figure per line: section,item,count,amount (amounts as decimals)
  --json        the report document
  --width N     text width: 32, 42 or 48 (default: receipt.width)
Read-only: safe while the register runs. Print a Z on paper at the register (reprint).`;

function usageError(message: string): never {
  throw new TillError('USAGE', message);
}

function emit(report: ShiftReport, values: Record<string, unknown>, config: TillConfig, ctx: CommandContext, state?: StoreState): void {
  // Operators by name beside their ids, in the text, the CSV and the JSON alike.
  const r = nameOperators(report, configOperatorName(config, state));
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  if (values.csv) {
    for (const line of reportCsv(r)) ctx.out(line);
    return;
  }
  const width = values.width === undefined ? config.receipt.width : Number(values.width);
  if (width !== 32 && width !== 42 && width !== 48) usageError('--width must be 32, 42 or 48');
  ctx.out(reportText(r, config, width, configOperatorName(config, state)).replace(/\s+$/, ''));
}

const programsOf = (state: StoreState) => (id: string) => {
  const programs = (state.loyalty as LoyaltySlice | undefined)?.programs;
  return programs ? getOwn(programs, id) : undefined;
};

/** The instant a local date starts, as ISO (for skipping journal segments before a range). */
const startOfDay = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
};

async function salesRange(values: Record<string, unknown>, register: string | null, config: TillConfig, ctx: CommandContext): Promise<{ report: ShiftReport; state: StoreState }> {
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (!from || !to) usageError('sales needs --from DATE and --to DATE (YYYY-MM-DD)');
  if (!isDate(from) || !isDate(to)) usageError('--from and --to must be dates as YYYY-MM-DD');
  if (from > to) usageError('--from must not be after --to');
  const state = await readStoreState(ctx.dataDir);
  const fold = { program: programsOf(state) };
  const r = emptyRange();
  // A day of margin: segments are skipped by their first event's time, and clocks drift.
  for await (const tx of streamTransactions(ctx.dataDir, { skipBefore: startOfDay(addDays(from, -1)) })) {
    for (const ev of tx) {
      const day = localDate(new Date(ev.at));
      if (day < from || day > to || (register !== null && ev.register !== register)) continue;
      foldRange(r, ev, day, fold);
    }
  }
  const report = buildRangeReport(r.totals, {
    currency: state.meta.currency || config.currency,
    printedAt: ctx.now().toISOString(),
    from,
    to,
    register,
    firstSeq: r.firstSeq,
    lastSeq: r.lastSeq,
    days: dayRows(r),
    shifts: r.shifts,
  });
  return { report, state };
}

export const reportCommand: AdminCommand = {
  name: 'report',
  summary: 'X and Z shift reports, and sales over a range of days (--csv, --json)',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      register: { type: 'string' }, z: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      csv: { type: 'boolean' }, json: { type: 'boolean' }, width: { type: 'string' },
    });
    if (values.help) return ctx.out(usage), 0;
    const [sub, ...extra] = positionals;
    if (!sub || !['x', 'z', 'sales'].includes(sub) || extra.length) usageError('say which report: x, z or sales');
    if (values.csv && values.json) usageError('give --csv or --json, not both');
    const config = readConfig(ctx.dataDir);
    const reg = (values.register as string | undefined) ?? config.register.id;
    if (sub === 'sales') {
      const range = await salesRange(values, (values.register as string | undefined) ?? null, config, ctx);
      emit(range.report, values, config, ctx, range.state);
      return 0;
    }
    const state = await readStoreState(ctx.dataDir);
    const slice = shiftSlice(state);
    const currency = state.meta.currency || config.currency;
    if (sub === 'x') {
      if (values.z !== undefined) usageError('--z is for z reports');
      const open = openShiftOf(slice, reg);
      if (!open) throw new TillError('SHIFT_NOT_OPEN', `No shift is open on register ${reg}.`);
      emit(buildShiftReport(open, { currency, printedAt: ctx.now().toISOString(), liability: slice.liability }), values, config, ctx, state);
      return 0;
    }
    const n = values.z === undefined ? undefined : Number(values.z);
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) usageError('--z must be a Z number, 1 or more');
    const closed = closedShift(slice, reg, n);
    if (!closed) throw new TillError('Z_NOT_FOUND', n === undefined ? `Register ${reg} has not closed a shift yet.` : `There is no Z report ${n} for register ${reg}.`);
    emit(buildShiftReport(closed, { currency, printedAt: ctx.now().toISOString(), copy: true }), values, config, ctx, state);
    return 0;
  },
};
