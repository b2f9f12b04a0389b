/**
 * The journal line format. One event per line:
 *
 *   {"seq":..,"id":..,"type":..,"at":..,"register":..,"operator":..,"tx":..,"txIndex":i,"txCount":n,"data":..,"prev":"<hex>","hash":"<hex>"}
 *
 * `hash` = sha256 of the line's own bytes up to `prev` closed with "}" (the body), so it covers the
 * content and the previous hash; verification hashes the exact bytes on disk, never a re-serialisation.
 * txIndex/txCount let recovery tell a torn transaction (fewer lines than txCount at the tail) apart.
 */
import { createHash, hash } from 'node:crypto';
import type { JournalEvent } from './types.js';

const SUFFIX_LEN = ',"hash":"'.length + 64 + '"}'.length; // 75
const HEX64 = /^[0-9a-f]{64}$/;

/** A journal line before hashing: the event's envelope with its data already JSON-encoded. */
export type LineEnvelope = Omit<JournalEvent, 'data' | 'hash' | 'txIndex' | 'txCount'> & {
  txIndex: number;
  txCount: number;
  dataJson: string;
};

/** One-shot `crypto.hash` (Node 20.12+, engines >= 20.19): no Hash object per line, ~40% less per 1 KB line. */
export const sha256 = (s: string | Buffer): string => hash('sha256', s, 'hex');

/** Encodes one line (without the trailing newline) and returns it with its hash. */
export function encodeLine(e: LineEnvelope): { line: string; hash: string } {
  const body =
    `{"seq":${e.seq},"id":${JSON.stringify(e.id)},"type":${JSON.stringify(e.type)},"at":${JSON.stringify(e.at)},` +
    `"register":${JSON.stringify(e.register)},"operator":${JSON.stringify(e.operator)},"tx":${JSON.stringify(e.tx)},` +
    `"txIndex":${e.txIndex},"txCount":${e.txCount},"data":${e.dataJson},"prev":${JSON.stringify(e.prev)}}`;
  const hash = sha256(body);
  return { line: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

export type DecodeResult = { ok: true; event: JournalEvent } | { ok: false; reason: string };

/** Parses and self-checks one line (bytes without the newline). Chain and seq order are checked by the caller. */
export function decodeLine(buf: Buffer, start: number, end: number): DecodeResult {
  if (end - start <= SUFFIX_LEN) return { ok: false, reason: 'the line is too short to be an event' };
  let ev: JournalEvent;
  try {
    ev = JSON.parse(buf.toString('utf8', start, end));
  } catch {
    return { ok: false, reason: 'the line is not valid JSON' };
  }
  if (!ev || typeof ev !== 'object') return { ok: false, reason: 'the line is not an event object' };
  if (!Number.isSafeInteger(ev.seq) || ev.seq < 1) return { ok: false, reason: 'the line has no valid sequence number' };
  if (typeof ev.type !== 'string' || typeof ev.tx !== 'string' || typeof ev.prev !== 'string' || typeof ev.hash !== 'string' || !HEX64.test(ev.hash))
    return { ok: false, reason: 'the line is missing type, tx, prev or hash' };
  if (!Number.isSafeInteger(ev.txIndex) || !Number.isSafeInteger(ev.txCount) || ev.txIndex! < 1 || ev.txIndex! > ev.txCount!)
    return { ok: false, reason: 'the line has no valid transaction position' };
  const h = createHash('sha256').update(buf.subarray(start, end - SUFFIX_LEN)).update('}').digest('hex');
  if (h !== ev.hash) return { ok: false, reason: 'the line was altered (its hash does not match its content)' };
  return { ok: true, event: ev };
}
