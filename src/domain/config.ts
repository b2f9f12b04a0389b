/**
 * The register's configuration file (`till.config.json` in the data folder). Validated at start:
 * a wrong value names its key and what is allowed. Pure: parsing the file is done by the caller.
 */
import { currencyCodeProblem } from './currency-code.js';
import { registerProgramsFormProblem, type RegisterPrograms } from './loyalty/register-programs.js';
import { LANGUAGES } from '../i18n/languages.js';
import { DEFAULT_SCALE_LAYOUTS, layoutProblem, type ScaleLayout } from './scale-barcode.js';
import { quickKeysFormProblems, type QuickKeysConfig } from './quick-keys.js';

export type TaxMode = 'inclusive' | 'exclusive';
export type TaxRounding = 'line' | 'total';

export interface TillConfig {
  store: { name: string; address: string[]; taxId: string; phone: string };
  currency: string;
  /** BCP 47 locale for number and date formatting, e.g. "en-US", "vi-VN", "ru-RU", "zh-CN". */
  locale: string;
  /**
   * Language of the screen and, unless `receipt.language` says otherwise, of the receipt: one of
   * LANGUAGES (src/i18n/languages.ts). An operator with a language of their own sees theirs on screen.
   */
  language: string;
  register: { id: string };
  operators: { id: string; name: string }[];
  tax: {
    mode: TaxMode;
    rounding: TaxRounding;
    /** Tax class -> rate in percent (e.g. 10 or 8.875). */
    classes: Record<string, number>;
  };
  /** Cash payments are rounded to a multiple of this many minor units (1 = no rounding). */
  cash: { roundingUnit: number };
  /** `language`: the receipt's own language ("" = the shop's `language`). */
  receipt: { width: 32 | 42 | 48; header: string[]; footer: string[]; language: string };
  hardware: {
    /** "hid" is the older name of "hid-pos". */
    scanner: 'keyboard' | 'hid' | 'hid-pos' | 'hid-keyboard';
    printer: 'simulated' | 'usb' | 'network' | 'none';
    /** "auto": on the printer's DK port when a real printer is set, else simulated. */
    drawer: 'auto' | 'simulated' | 'printer' | 'gpio' | 'none';
    /** USB printer device file, e.g. /dev/usb/lp0 */
    printerDevice: string;
    /** Network printer, e.g. tcp://192.168.1.50:9100 */
    printerAddress: string;
    /** GPIO line of the drawer kick (BCM numbering); the sysfs number is chip base + pin on kernel 6.6+. */
    drawerPin: number;
    /** HID scanner vendor/product id, hex strings ("0c2e"), empty = first scanner found. */
    scannerVendorId: string;
    scannerProductId: string;
    // ---- devices (issue 9): real drivers, docs/hardware.md
    /** Connect/write timeout of one print job, ms. */
    printerTimeoutMs: number;
    /** Status poll interval of a real printer, ms (DLE EOT where it answers, else a device probe). */
    printerPollMs: number;
    /** Drawer kick pulse length, ms (printer ESC p t1 and GPIO). */
    drawerPulseMs: number;
    /** Printer drawer connector: 2 (m=0) or 5 (m=1). */
    drawerKickPin: 2 | 5;
    /** GPIO input of the drawer's open sensor (BCM), -1 = none; `drawerSensorOpen` is its level when open. */
    drawerSensorPin: number;
    drawerSensorOpen: 0 | 1;
    /**
     * Where the drawer's open sensor is read: "gpio" (drawerSensorPin), "printer" (the printer's drawer
     * connector bit in DLE EOT 1, for hardware.drawer "printer"; drawerSensorOpen is the level that means
     * open), "none"; "auto" = gpio when drawerSensorPin is set, else none.
     */
    drawerSensor: 'auto' | 'none' | 'gpio' | 'printer';
    /** GPIO chip label or path for the drawer lines ("" = the SoC's: pinctrl-bcm2711/2835/rp1). */
    gpioChip: string;
    /** A drawer open longer than this is shown to the cashier, seconds (0 = never). */
    drawerOpenAlertSeconds: number;
    /** node-hid path of the scanner: /dev/hidrawN (hid-pos) or a libusb path "1-1.2:1.0" (hid-keyboard), as till doctor lists them ("" = find by vendor/product id). */
    scannerDevice: string;
    /** Keyboard layout a hid-keyboard scanner is set to emulate (us, de, fr): how its key codes are read. */
    scannerLayout: 'us' | 'de' | 'fr';
  };
  /** Receipt printer language (docs/hardware.md). */
  printer: {
    /** Code page: "auto" = by language (ru pc866, vi wpc1258, zh gb18030, else wpc1252). */
    charset: 'auto' | 'ascii' | 'pc437' | 'wpc1252' | 'pc866' | 'wpc1251' | 'wpc1258' | 'gb18030';
    /** ESC t number of that page on this printer when it is not Epson's (a clone's self-test page lists them); -1 = Epson's. */
    codeTable: number;
  };
  display: {
    /** Replace symbols the Linux console font lacks (₫, CJK) with ASCII fallbacks. */
    ascii: boolean;
  };
  /**
   * Telling a keyboard-wedge scanner from typing (docs/keys.md): keys less than `gapMs` apart, at
   * least `minLength` of them, ended by the terminator, are one scan; a scanner programmed to send a
   * prefix and/or suffix is recognised by them whatever the timing.
   */
  scanner: { gapMs: number; minLength: number; terminator: 'enter' | 'tab' | 'both'; prefix: string; suffix: string };
  /** Scan prefixes that tell a gift card, a loyalty card or a receipt apart from a product barcode. */
  codes: { giftCardPrefix: string; loyaltyPrefix: string; receiptPrefix: string };
  /** Gift cards (docs/gift-cards.md). The config file belongs to one register, so these are per register. */
  giftCards: {
    /** How this register sells a card: new code + amount, scan stock + amount, scan stock at its preset value and price. */
    sellMode: 'generate' | 'scan-set-amount' | 'scan-preset';
    /** Validity of a card sold, in days from the sale (0 = never expires); stock may carry its own. */
    defaultValidityDays: number;
    /** One line of terms printed on a sold card. */
    terms: string;
    /** Unrecognised codes (unknown or bad check) a register accepts per minute before lookups pause. */
    guessLimitPerMinute: number;
    cooldownSeconds: number;
    /** Most a card sold at the till may hold, a decimal in the store currency; "" = 10 times the largest note (plausibility.ts). Refused above. */
    maxValue: string;
    /**
     * Top-up mode (docs/gift-cards.md): an active, depleted or expired card scanned in a sale asks for
     * the value to load (an expired one gets a new expiry, defaultValidityDays from the sale); paying
     * with a card is then done on the payment screen. Absent = false.
     */
    topUp?: boolean;
  };
  /**
   * Typos that would cost money are asked about before anything happens (src/domain/plausibility.ts,
   * docs/keys.md): cash far above what is due, a large quantity, a large sale total.
   */
  plausibility: {
    /** Cash received above this many times what is due, and above the largest note, asks (0 = never). */
    cashTimesDue: number;
    /** The currency's largest note, a decimal; "" = from the table of notes (src/domain/denominations.ts). */
    largestNote: string;
    /** A quantity above this asks (0 = never). */
    qtyAbove: number;
    /** A sale total above this asks before the first payment, a decimal; "" = 100 times the largest note, "0" = never. */
    saleTotalAbove: string;
    /** Most an open-price ("misc") item may be typed at, a decimal; "" (or absent) = 10 times the largest note; refused above. */
    openPriceMax?: string;
  };
  /**
   * Scale labels: price- and weight-embedded EAN-13 in the in-store range (docs/weighed-items.md).
   * A file that names `layouts` replaces the default list; [] turns decoding off.
   */
  scale: { layouts: ScaleLayout[] };
  /** Quick keys: pages of favourites for items without a barcode (src/domain/quick-keys.ts, docs/keys.md). */
  quickKeys: QuickKeysConfig;
  /** Loyalty (docs/loyalty.md). Programs, rewards and tiers are store data (`till loyalty program set`), not settings. */
  loyalty: {
    /** Country calling code without "+" ("84", "7", "86"): national and international phone forms then match. "" = none. */
    phoneCountryCode: string;
    /** Programs this register applies: "all" (also when absent), or a list of program ids (src/domain/loyalty/register-programs.ts). */
    programs?: RegisterPrograms;
  };
  /** Product catalog import (`till import`). */
  catalog: {
    /** Highest unit price accepted, a decimal in the store currency; "" = 9999999999 minor units. */
    maxPrice: string;
  };
  /** Returns (docs/returns.md). Absent in an older config file: the defaults. */
  returns?: {
    /**
     * Most a return WITHOUT a receipt may be worth, a decimal in the store currency; "" = the
     * currency's largest note (100.00 USD, 500000 VND), "0" = no limit. Above it: NO_RECEIPT_LIMIT.
     */
    noReceiptMax: string;
  };
  /** The shift and its cash (docs/shift.md). */
  shift: {
    /** "required": no sale starts until a shift is opened (SHIFT_NOT_OPEN); "auto": the first sale opens one with a float of 0 (a kiosk). */
    mode: 'auto' | 'required';
  };
  /** Sign-in at the till (docs/operators.md); on once the store has operators (`till operator add`). */
  signIn: {
    /** Lock the till after this long without a key or a scan, seconds (0 = never). */
    idleLockSeconds: number;
    /** Wrong PINs a register accepts per minute before sign-in pauses (like gift-card guesses). */
    pinLimitPerMinute: number;
    cooldownSeconds: number;
  };
  /**
   * What needs a manager's PIN on the spot (the approver is journaled with the action). Only
   * enforced once the store has operators: without sign-in nobody could approve.
   */
  approvals: {
    /** Voiding a sale that has payments on it. */
    voidWithTenders: boolean;
    /** Voiding a sale of more than this many lines (0 = any void). */
    voidLinesOver: number;
    refund: boolean;
    returnWithoutReceipt: boolean;
    priceOverride: boolean;
    lineDiscount: boolean;
    /** Opening the drawer without a sale. */
    noSale: boolean;
    /** Cash paid out of the drawer. */
    paidOut: boolean;
    /** A points adjustment at the till. */
    loyaltyAdjust: boolean;
  };
  storage: {
    /** Write a snapshot after this many journal events (also on idle and on shutdown). */
    checkpointEvery: number;
    /** Start a new journal segment past this size. */
    segmentBytes: number;
  };
  /**
   * Many registers, one ledger (docs/chain.md): the PostgreSQL database this register replicates its
   * journal to and takes gift-card holds in. `url` "" (the default) = the register stands alone and
   * never loads the database client.
   */
  chain: {
    /** postgres://user@host:5432/db?sslmode=verify-full ("" = no database). The password comes from PGPASSWORD or ~/.pgpass, never this file. */
    url: string;
    /** A hold taken at the tender lapses after this many seconds if its sale never reaches the database. */
    holdSeconds: number;
    /** How long the register waits for the database at a tender before it counts as offline, ms. */
    timeoutMs: number;
    offline: {
      /** Gift cards while the database is away: "none" refuses them (Square's rule), "limited" allows the limits below. */
      giftCards: 'none' | 'limited';
      /** Most one card may pay at this register in one offline period, a decimal in the store currency ("" = no cap but its last known balance). */
      maxPerCard: string;
      /** Most all cards together may pay at this register in one offline period ("" = no cap). */
      maxPerRegister: string;
      /**
       * Points (rewards paid with points) while the database is away: "none" refuses them, "limited"
       * (default) allows what the register's own journal shows, at most `maxPoints` per customer and
       * program in one offline period. Points are the shop's own discount, and an overspend is
       * recorded on reconnect as a negative balance with an alert, so they stay usable by default.
       */
      points: 'none' | 'limited';
      /** Most points one customer may spend of a program at this register in one offline period, as the program counts them ("" = no cap but the balance). */
      maxPoints: string;
    };
  };
}

export const DEFAULT_CONFIG: TillConfig = {
  store: { name: 'My Shop', address: [], taxId: '', phone: '' },
  currency: 'USD',
  locale: 'en-US',
  language: 'en',
  register: { id: 'R1' },
  operators: [{ id: 'op1', name: 'Cashier' }],
  tax: { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } },
  cash: { roundingUnit: 1 },
  receipt: { width: 42, header: [], footer: ['Thank you!'], language: '' },
  hardware: {
    scanner: 'keyboard',
    printer: 'simulated',
    drawer: 'auto',
    printerDevice: '/dev/usb/lp0',
    printerAddress: '',
    drawerPin: 17,
    scannerVendorId: '',
    scannerProductId: '',
    printerTimeoutMs: 5000,
    printerPollMs: 3000,
    drawerPulseMs: 120,
    drawerKickPin: 2,
    drawerSensorPin: -1,
    drawerSensorOpen: 1,
    drawerSensor: 'auto',
    gpioChip: '',
    drawerOpenAlertSeconds: 60,
    scannerDevice: '',
    scannerLayout: 'us',
  },
  printer: { charset: 'auto', codeTable: -1 },
  display: { ascii: false },
  scanner: { gapMs: 30, minLength: 3, terminator: 'both', prefix: '', suffix: '' },
  codes: { giftCardPrefix: 'GC', loyaltyPrefix: '27', receiptPrefix: 'R' },
  giftCards: { sellMode: 'generate', defaultValidityDays: 365, terms: 'Valid at this shop. Not exchangeable for cash.', guessLimitPerMinute: 5, cooldownSeconds: 60, maxValue: '', topUp: false },
  plausibility: { cashTimesDue: 10, largestNote: '', qtyAbove: 100, saleTotalAbove: '', openPriceMax: '' },
  scale: { layouts: DEFAULT_SCALE_LAYOUTS },
  quickKeys: { pages: [] },
  loyalty: { phoneCountryCode: '', programs: 'all' },
  catalog: { maxPrice: '' },
  returns: { noReceiptMax: '' },
  shift: { mode: 'auto' },
  signIn: { idleLockSeconds: 300, pinLimitPerMinute: 5, cooldownSeconds: 60 },
  approvals: { voidWithTenders: true, voidLinesOver: 10, refund: true, returnWithoutReceipt: true, priceOverride: true, lineDiscount: true, noSale: true, paidOut: true, loyaltyAdjust: true },
  storage: { checkpointEvery: 1000, segmentBytes: 64 * 1024 * 1024 },
  chain: { url: '', holdSeconds: 120, timeoutMs: 1500, offline: { giftCards: 'limited', maxPerCard: '', maxPerRegister: '', points: 'limited', maxPoints: '' } },
};

/** The language receipts print in: `receipt.language`, else the shop's `language`. */
export const receiptLanguage = (config: Pick<TillConfig, 'language' | 'receipt'>): string => config.receipt?.language || config.language || 'en';

export interface ConfigProblem {
  key: string;
  message: string;
}

type Check = (v: unknown, key: string, out: ConfigProblem[]) => void;

const str = (allowEmpty = true): Check => (v, key, out) => {
  if (typeof v !== 'string') out.push({ key, message: `must be text, got ${describe(v)}` });
  else if (!allowEmpty && v.trim() === '') out.push({ key, message: 'must not be empty' });
};
const strList: Check = (v, key, out) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) out.push({ key, message: 'must be a list of text lines' });
};
const oneOf = (...allowed: (string | number)[]): Check => (v, key, out) => {
  if (!allowed.includes(v as string)) out.push({ key, message: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(v)}` });
};
const int = (min: number, max: number): Check => (v, key, out) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    out.push({ key, message: `must be a whole number from ${min} to ${max}, got ${describe(v)}` });
};
const bool: Check = (v, key, out) => {
  if (typeof v !== 'boolean') out.push({ key, message: `must be true or false, got ${describe(v)}` });
};

/** A decimal amount in the store currency ("500.00", "5000000"), or "" for the default. */
const amountText: Check = (v, key, out) => {
  if (typeof v !== 'string' || !/^(\d{1,13}([.,]\d{1,4})?)?$/.test(v.trim())) out.push({ key, message: `must be an amount in the store currency such as "1000.00" or "5000000", or "" for the default, got ${describe(v)}` });
};

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  return JSON.stringify(v)?.slice(0, 40) ?? String(v);
}

const CHECKS: Record<string, Check> = {
  'store.name': str(false),
  'store.address': strList,
  'store.taxId': str(),
  'store.phone': str(),
  currency: (v, key, out) => {
    const problem = currencyCodeProblem(v);
    if (problem) out.push({ key, message: problem });
  },
  locale: (v, key, out) => {
    try {
      if (typeof v !== 'string') throw new Error();
      new Intl.NumberFormat(v);
    } catch {
      out.push({ key, message: `must be a locale tag such as "en-US", "vi-VN", "ru-RU", "zh-CN", got ${describe(v)}` });
    }
  },
  language: oneOf(...LANGUAGES),
  'register.id': (v, key, out) => {
    if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,16}$/.test(v)) out.push({ key, message: `must be 1-16 letters, digits, - or _, got ${describe(v)}` });
  },
  operators: (v, key, out) => {
    if (!Array.isArray(v) || v.length === 0) return void out.push({ key, message: 'must be a non-empty list of { "id", "name" }' });
    v.forEach((o, i) => {
      if (!o || typeof o.id !== 'string' || !o.id || typeof o.name !== 'string' || !o.name)
        out.push({ key: `${key}[${i}]`, message: 'must have a non-empty "id" and "name"' });
    });
  },
  'tax.mode': oneOf('inclusive', 'exclusive'),
  'tax.rounding': oneOf('line', 'total'),
  'tax.classes': (v, key, out) => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0)
      return void out.push({ key, message: 'must map each tax class to a rate in percent, e.g. { "standard": 10 }' });
    for (const [k, r] of Object.entries(v)) {
      if (k === 'none') out.push({ key: `${key}.none`, message: '"none" is reserved for untaxed lines such as gift cards; use another name' });
      else if (typeof r !== 'number' || !(r >= 0 && r <= 100) || Math.round(r * 10000) !== r * 10000)
        out.push({ key: `${key}.${k}`, message: `must be a percent from 0 to 100 with at most 4 decimals, got ${describe(r)}` });
    }
  },
  'cash.roundingUnit': int(1, 100000),
  'receipt.width': oneOf(32, 42, 48),
  'receipt.header': strList,
  'receipt.footer': strList,
  'receipt.language': oneOf('', ...LANGUAGES),
  'hardware.scanner': oneOf('keyboard', 'hid', 'hid-pos', 'hid-keyboard'),
  'hardware.printer': oneOf('simulated', 'usb', 'network', 'none'),
  'hardware.drawer': oneOf('auto', 'simulated', 'printer', 'gpio', 'none'),
  'hardware.printerDevice': str(),
  'hardware.printerAddress': str(),
  'hardware.drawerPin': int(0, 4095),
  'hardware.scannerVendorId': str(),
  'hardware.scannerProductId': str(),
  // ---- devices (issue 9)
  'hardware.printerTimeoutMs': int(200, 120000),
  'hardware.printerPollMs': int(200, 600000),
  'hardware.drawerPulseMs': int(10, 510),
  'hardware.drawerKickPin': oneOf(2, 5),
  'hardware.drawerSensorPin': int(-1, 4095),
  'hardware.drawerSensorOpen': oneOf(0, 1),
  'hardware.drawerSensor': oneOf('auto', 'none', 'gpio', 'printer'),
  'hardware.gpioChip': str(),
  'hardware.drawerOpenAlertSeconds': int(0, 86400),
  'hardware.scannerDevice': str(),
  'hardware.scannerLayout': oneOf('us', 'de', 'fr'),
  'printer.charset': oneOf('auto', 'ascii', 'pc437', 'wpc1252', 'pc866', 'wpc1251', 'wpc1258', 'gb18030'),
  'printer.codeTable': int(-1, 255),
  'display.ascii': bool,
  'scanner.gapMs': int(5, 500),
  'scanner.minLength': int(1, 48),
  'scanner.terminator': oneOf('enter', 'tab', 'both'),
  'scanner.prefix': (v, key, out) => {
    if (typeof v !== 'string' || v.length > 4) out.push({ key, message: `must be text of at most 4 characters ("" = none), got ${describe(v)}` });
  },
  'scanner.suffix': (v, key, out) => {
    if (typeof v !== 'string' || v.length > 4) out.push({ key, message: `must be text of at most 4 characters ("" = none), got ${describe(v)}` });
  },
  'codes.giftCardPrefix': str(false),
  'codes.loyaltyPrefix': (v, key, out) => {
    // Loyalty cards are EAN-13 numbers in the GS1 in-store range (20-29).
    if (typeof v !== 'string' || !/^2\d{0,5}$/.test(v)) out.push({ key, message: `must be 1-6 digits starting with 2 (the in-store EAN range), e.g. "27", got ${describe(v)}` });
  },
  'codes.receiptPrefix': str(false),
  'giftCards.sellMode': oneOf('generate', 'scan-set-amount', 'scan-preset'),
  'giftCards.defaultValidityDays': int(0, 36500),
  'giftCards.terms': str(),
  'giftCards.guessLimitPerMinute': int(1, 1000),
  'giftCards.cooldownSeconds': int(1, 86400),
  'giftCards.maxValue': amountText,
  'giftCards.topUp': bool,
  'plausibility.cashTimesDue': int(0, 1_000_000),
  'plausibility.largestNote': amountText,
  'plausibility.qtyAbove': int(0, 9999),
  'plausibility.saleTotalAbove': amountText,
  'plausibility.openPriceMax': (v, key, out) => {
    if (v !== undefined) amountText(v, key, out);
  },
  'quickKeys.pages': (v, key, out) => void out.push(...quickKeysFormProblems(v, key)),
  'scale.layouts': (v, key, out) => {
    if (!Array.isArray(v)) return void out.push({ key, message: 'must be a list of { "prefix", "kind", "pattern" } (docs/weighed-items.md), [] for none' });
    const seen = new Set<string>();
    v.forEach((l, i) => {
      const problem = layoutProblem(l);
      if (problem) return void out.push({ key: `${key}[${i}]`, message: problem });
      if (seen.has(l.prefix)) out.push({ key: `${key}[${i}]`, message: `prefix "${l.prefix}" has a layout already` });
      seen.add(l.prefix);
    });
  },
  'loyalty.phoneCountryCode': (v, key, out) => {
    if (typeof v !== 'string' || !/^\d{0,3}$/.test(v)) out.push({ key, message: `must be a country calling code of 1-3 digits without "+" (e.g. "84"), or "", got ${describe(v)}` });
  },
  'loyalty.programs': (v, key, out) => {
    const problem = registerProgramsFormProblem(v);
    if (problem) out.push({ key, message: problem });
  },
  // ledger-io: catalog import
  'catalog.maxPrice': (v, key, out) => {
    if (typeof v !== 'string' || !/^(\d{1,13}([.,]\d{1,4})?)?$/.test(v.trim())) out.push({ key, message: `must be a price in the store currency such as "5000000" or "99999.99", or "" for the default, got ${describe(v)}` });
  },
  'returns.noReceiptMax': amountText,
  'shift.mode': oneOf('auto', 'required'),
  'signIn.idleLockSeconds': int(0, 86400),
  'signIn.pinLimitPerMinute': int(1, 1000),
  'signIn.cooldownSeconds': int(1, 86400),
  'approvals.voidWithTenders': bool,
  'approvals.voidLinesOver': int(0, 10000),
  'approvals.refund': bool,
  'approvals.returnWithoutReceipt': bool,
  'approvals.priceOverride': bool,
  'approvals.lineDiscount': bool,
  'approvals.noSale': bool,
  'approvals.paidOut': bool,
  'approvals.loyaltyAdjust': bool,
  'storage.checkpointEvery': int(1, 10_000_000),
  'storage.segmentBytes': int(4096, 2 ** 31),
  'chain.url': (v, key, out) => {
    if (typeof v !== 'string' || (v !== '' && !/^postgres(ql)?:\/\/[^\s]+$/.test(v))) out.push({ key, message: `must be a PostgreSQL URL such as "postgres://till@db.example:5432/till", or "" for a register on its own, got ${describe(v)}` });
    else if (/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(v)) out.push({ key, message: 'must not hold a password: put it in PGPASSWORD or ~/.pgpass (docs/chain.md)' });
  },
  'chain.holdSeconds': int(5, 3600),
  'chain.timeoutMs': int(100, 60_000),
  'chain.offline.giftCards': oneOf('none', 'limited'),
  'chain.offline.maxPerCard': amountText,
  'chain.offline.maxPerRegister': amountText,
  'chain.offline.points': oneOf('none', 'limited'),
  'chain.offline.maxPoints': (v, key, out) => {
    if (typeof v !== 'string' || !/^(\d{1,12}([.,]\d{1,3})?)?$/.test(v.trim())) out.push({ key, message: `must be a number of points such as "500" or "12.5", or "" for no cap but the balance, got ${describe(v)}` });
  },
};

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function deepMerge<T>(base: T, over: unknown): T {
  if (!over || typeof over !== 'object' || Array.isArray(over) || !base || typeof base !== 'object' || Array.isArray(base))
    return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = deepMerge(out[k], v);
  return out as T;
}

/** Known top-level and nested keys, to report typos ("recipt.width") instead of ignoring them. */
function unknownKeys(raw: unknown, base: unknown, prefix = ''): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !base || typeof base !== 'object') return [];
  const out: string[] = [];
  for (const k of Object.keys(raw)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (!(k in (base as object))) out.push(key);
    else if (key !== 'tax.classes') out.push(...unknownKeys((raw as Record<string, unknown>)[k], (base as Record<string, unknown>)[k], key));
  }
  return out;
}

/**
 * Validates a parsed configuration object, filling in defaults for missing keys. Extension sections
 * (e.g. "giftCards", "loyalty") are validated by their own modules through `extraChecks`.
 */
export function validateConfig(
  raw: unknown,
  extra: { defaults?: Record<string, unknown>; checks?: Record<string, Check> } = {},
): { ok: true; config: TillConfig } | { ok: false; problems: ConfigProblem[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ key: '(file)', message: 'must be a JSON object' }] };
  const defaults = { ...DEFAULT_CONFIG, ...(extra.defaults ?? {}) };
  const merged = deepMerge(defaults, raw) as TillConfig;
  // Tax classes are the store's own list: a file that names them replaces the default classes rather
  // than adding to them (a "standard" class the store never declared would price products silently).
  const rawClasses = (raw as { tax?: { classes?: unknown } }).tax?.classes;
  if (rawClasses !== undefined) merged.tax = { ...merged.tax, classes: rawClasses as TillConfig['tax']['classes'] };
  const problems: ConfigProblem[] = unknownKeys(raw, defaults).map((key) => ({ key, message: 'is not a known setting' }));
  for (const [key, check] of Object.entries({ ...CHECKS, ...(extra.checks ?? {}) })) check(get(merged, key), key, problems);
  return problems.length ? { ok: false, problems } : { ok: true, config: merged };
}

export type { Check as ConfigCheck };
