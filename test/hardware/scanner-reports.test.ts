/**
 * The two report decoders of the HID scanner, byte for byte: HID-POS scanned data reports (both
 * layouts, chained long codes, non-scan reports) and boot keyboard reports under the us/de/fr layouts
 * with Shift, AltGr, dead keys and repeated characters.
 */
import { describe, expect, it } from 'vitest';
import { codeText, createHidPosAssembler, parseHidPosReport } from '../../hardware/scanner/hid-pos-report.js';
import { bootReport, createKeyboardDecoder } from '../../hardware/scanner/keyboard-report.js';
import { hidPosReports, keyPress, shortHidPosReport, usKeys } from './fakes/node-hid.js';

const SHIFT = 0x02;
const RSHIFT = 0x20;
const ALTGR = 0x40;

describe('HID-POS scanned data report', () => {
  it('reads the 64-byte layout: length, AIM identifier, data, no continuation', () => {
    const [r] = hidPosReports('4006381333931', { aim: ']E0' });
    expect(r).toHaveLength(64);
    const part = parseHidPosReport(r)!;
    expect(Buffer.from(part.data).toString('latin1')).toBe('4006381333931');
    expect(part.symbology).toBe(']E0');
    expect(part.more).toBe(false);
  });

  it('reads the layout without identifier (zeros) and the short layout with data at byte 2', () => {
    expect(Buffer.from(parseHidPosReport(hidPosReports('RR1-000042', { aim: '' })[0])!.data).toString()).toBe('RR1-000042');
    const short = parseHidPosReport(shortHidPosReport('0123456789012'))!;
    expect(Buffer.from(short.data).toString()).toBe('0123456789012');
    expect(short.symbology).toBe('');
  });

  it('ignores reports that are not scanned data (other report ids, too short)', () => {
    expect(parseHidPosReport([0x04, 1, 2, 3, 4, 5])).toBeNull();
    expect(parseHidPosReport([0x02, 0])).toBeNull();
    const a = createHidPosAssembler();
    expect(a.push([0x01, 0x00, 0x00, 0x00], 0)).toBeNull();
    expect(a.push(hidPosReports('')[0], 0)).toBeNull(); // a zero-length report (no read) is no scan
  });

  it('never reads the trailing flag bytes as data, even when the length says more than fits', () => {
    const r = hidPosReports('X'.repeat(56))[0];
    r[1] = 60;
    r[61] = 0x41;
    r[63] = 0x00;
    expect(parseHidPosReport(r)!.data).toHaveLength(56);
  });

  it('joins a code sent in several reports (continued bit), UTF-8 included', () => {
    const qr = 'https://shop.example/r/RR1-000042?t=' + 'Ä'.repeat(40) + 'ß';
    const reports = hidPosReports(qr, { aim: ']Q1' });
    expect(reports.length).toBe(3);
    const a = createHidPosAssembler();
    expect(a.push(reports[0], 0)).toBeNull();
    expect(a.push(reports[1], 5)).toBeNull();
    expect(a.push(reports[2], 10)).toBe(qr);
  });

  it('drops a chain left open (its end was lost) instead of gluing it to the next scan', () => {
    const a = createHidPosAssembler({ chainMs: 1000 });
    const long = hidPosReports('A'.repeat(80));
    expect(a.push(long[0], 0)).toBeNull();
    expect(a.push(hidPosReports('703')[0], 5000)).toBe('703');
    a.push(long[0], 6000);
    a.reset();
    expect(a.push(hidPosReports('704')[0], 6001)).toBe('704');
  });

  it('reads Latin-1 when the bytes are not UTF-8, and strips a CR/LF suffix', () => {
    expect(codeText(Uint8Array.from([0x41, 0xe9, 0x42, 0x0d, 0x0a]))).toBe('AéB');
    expect(codeText(Buffer.from('703\r', 'latin1'))).toBe('703');
  });
});

describe('boot keyboard reports', () => {
  const typed = (layout: 'us' | 'de' | 'fr', reports: number[][], tab = false) => {
    const d = createKeyboardDecoder({ layout, tab });
    return reports.flatMap((r) => d.push(r));
  };

  it('types characters as keys go down, Shift gives capitals and symbols, Enter ends the code', () => {
    expect(typed('us', [...usKeys('Ab-12'), ...keyPress(0x1e, SHIFT), ...keyPress(0x25, RSHIFT), ...keyPress(0x28)])).toEqual(['Ab-12!*']);
  });

  it('repeats a character pressed twice (down, up, down, up), but not a key held across reports', () => {
    expect(typed('us', usKeys('1100\n'))).toEqual(['1100']);
    expect(typed('us', [[0, 0, 0x1e, 0, 0, 0, 0, 0], [0, 0, 0x1e, 0, 0, 0, 0, 0], [0, 0, 0x1e, 0x1f, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], ...keyPress(0x28)])).toEqual(['12']);
  });

  it('drops a report id in front (9 bytes), ignores phantom (rollover) reports and non-boot reports', () => {
    expect(bootReport([1, 0, 0, 0x1e, 0, 0, 0, 0, 0])).toEqual([0, 0, 0x1e, 0, 0, 0, 0, 0]);
    expect(bootReport([0, 0, 0x1e])).toBeNull();
    expect(typed('us', [[0, 0, 0x1e, 0, 0, 0, 0, 0], [0, 0, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0], ...keyPress(0x58)])).toEqual(['1']);
  });

  it('keys with Ctrl/Alt/GUI (a programmed control prefix) and keys without a character type nothing', () => {
    expect(typed('us', [...keyPress(0x05, 0x01), ...keyPress(0x3a), ...usKeys('703'), ...keyPress(0x4f), ...keyPress(0x28)])).toEqual(['703']);
  });

  it('Tab ends a code only when the terminator setting allows it', () => {
    expect(typed('us', [...usKeys('703'), ...keyPress(0x2b), ...usKeys('704\n')], true)).toEqual(['703', '704']);
    const d = createKeyboardDecoder({ layout: 'us', tabOnly: true });
    expect([...usKeys('703\n'), ...keyPress(0x2b)].flatMap((r) => d.push(r))).toEqual(['703']);
  });

  it('de: y and z swapped, Shift 7 is "/", AltGr q is "@", ß on the "-" key, "-" on the "/" key', () => {
    const r = [...keyPress(0x1d), ...keyPress(0x1c), ...keyPress(0x24, SHIFT), ...keyPress(0x14, ALTGR), ...keyPress(0x2d), ...keyPress(0x38), ...keyPress(0x33, SHIFT), ...keyPress(0x28)];
    expect(typed('de', r)).toEqual(['yz/@ß-Ö']);
  });

  it('fr: digits need Shift (unshifted the top row types &é"...), a/q and z/w swapped, m on ";", AltGr 0 is "@"', () => {
    const digits = [0x1e, 0x1f, 0x20].flatMap((u) => keyPress(u, SHIFT));
    const plain = [0x1e, 0x1f, 0x20].flatMap((u) => keyPress(u));
    const letters = [0x14, 0x04, 0x1a, 0x1d, 0x33, 0x10].flatMap((u) => keyPress(u));
    expect(typed('fr', [...digits, ...plain, ...letters, ...keyPress(0x27, ALTGR), ...keyPress(0x28)])).toEqual(['123&é"aqzwm,@']);
  });

  it('the same key bytes read with the wrong layout give another code (why the layout is configured)', () => {
    const r = [...keyPress(0x1d), ...keyPress(0x38), ...keyPress(0x28)];
    expect(typed('us', r)).toEqual(['z/']);
    expect(typed('de', r)).toEqual(['y-']);
  });

  it('dead keys: ^ then e is ê (fr), ^ then Space is ^, ^ then a consonant is both (de)', () => {
    expect(typed('fr', [...keyPress(0x2f), ...keyPress(0x08), ...keyPress(0x2f, SHIFT), ...keyPress(0x0c), ...keyPress(0x28)])).toEqual(['êï']);
    expect(typed('de', [...keyPress(0x35), ...keyPress(0x2c), ...keyPress(0x35), ...keyPress(0x05), ...keyPress(0x35), ...keyPress(0x28)])).toEqual(['^^b^']);
  });

  it('reset() forgets a half-typed code', () => {
    const d = createKeyboardDecoder({ layout: 'us' });
    usKeys('12').forEach((r) => d.push(r));
    expect(d.pending()).toBe('12');
    d.reset();
    expect(usKeys('3\n').flatMap((r) => d.push(r))).toEqual(['3']);
  });
});
