/**
 * The file form of programs and a ladder (`till loyalty program export`), so an owner can export,
 * edit and set them again: only keys of program-file-keys.ts, each as the reader reads it back.
 */
import { toDecimalString, type Currency } from '../money.js';
import type { LoyaltyProgram, Target, TierLadder } from './types.js';
import { formatUnits } from './units.js';

export function writeProgramFile(programs: readonly LoyaltyProgram[], lad: TierLadder | null, cur: Currency): Record<string, unknown> {
  const money = (m: number): string => toDecimalString(m, cur);
  const pct = (ppm: number): number => ppm / 10_000;
  const tgt = (t?: Target): Record<string, string> => ({ ...(t?.sku !== undefined ? { sku: t.sku } : {}), ...(t?.category !== undefined ? { category: t.category } : {}) });
  const out: Record<string, unknown> = {
    programs: programs.map((p) => {
      const u = (n: number): string => formatUnits(n, p.decimals);
      return {
        id: p.id, name: p.name, active: p.active, ...(p.start ? { start: p.start } : {}), ...(p.end ? { end: p.end } : {}),
        decimals: p.decimals, step: u(p.step), ...(p.expiryDays ? { expiryDays: p.expiryDays } : {}), ...(p.additionalExpiryDays ? { additionalExpiryDays: p.additionalExpiryDays } : {}),
        rules: p.rules.map((x) => ({
          id: x.id, ...tgt(x.target),
          // perAmount is kept exact: "points" units per "perAmount" money, written in whole minor units.
          ...(x.perAmount ? { points: u(x.perAmount.points), perAmount: money(x.perAmount.per) } : {}),
          ...(x.perUnit ? { pointsPerUnit: u(x.perUnit) } : {}), ...(x.perOrder ? { pointsPerOrder: u(x.perOrder) } : {}),
          ...(x.minQty ? { minQty: x.minQty } : {}), ...(x.minAmount ? { minAmount: money(x.minAmount) } : {}),
          ...(x.taxIncluded === false ? { taxIncluded: false } : {}), ...(x.cumulative ? { cumulative: true } : {}), ...(x.additional ? { additional: true } : {}),
        })),
        rewards: p.rewards.map((w) => {
          const base = { id: w.id, name: w.name, type: w.kind, cost: u(w.cost), ...(w.minBalance ? { minBalance: u(w.minBalance) } : {}) };
          switch (w.kind) {
            case 'cashback': return { ...base, value: money(w.value.amount), perPoints: u(w.value.points), ...(w.maxSharePpm !== undefined ? { maxShare: pct(w.maxSharePpm) } : {}) };
            case 'fixed': return { ...base, amount: money(w.amount) };
            case 'percent': return { ...base, percent: pct(w.percentPpm), ...(w.max !== undefined ? { max: money(w.max) } : {}), ...tgt(w.target) };
            case 'free-product': return { ...base, sku: w.sku };
          }
        }),
      };
    }),
  };
  if (lad) {
    const prog = programs.find((p) => p.id === lad.programId);
    out.tiers = {
      basis: lad.basis, ...(lad.programId ? { programId: lad.programId } : {}), ...(lad.periodMonths ? { periodMonths: lad.periodMonths } : {}), demotion: lad.demotion,
      levels: lad.tiers.map((t) => ({
        id: t.id, name: t.name, threshold: lad.basis === 'spend' ? money(t.threshold) : formatUnits(t.threshold, prog?.decimals ?? 0),
        ...(t.discountPpm ? { discount: pct(t.discountPpm) } : {}), ...(t.earnMultiplierPpm !== undefined ? { earnMultiplier: t.earnMultiplierPpm / 1_000_000 } : {}),
        ...(t.cashbackPpm !== undefined ? { cashback: pct(t.cashbackPpm) } : {}),
        ...(t.prices?.length ? { prices: t.prices.map((e) => ({ ...tgt(e), ...(e.price !== undefined ? { price: money(e.price) } : { percent: pct(e.percentPpm ?? 0) }) })) } : {}),
      })),
    };
  }
  return out;
}
