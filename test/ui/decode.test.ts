import { describe, expect, test } from 'vitest';
import { createKeyDecoder, decodeKeys } from '../../src/ui/keys/decode.js';
import { FKEY, KEY, MODIFIED_FKEY } from '../support/keys.js';

const names = (chunk: string) => decodeKeys(chunk).map((k) => (k.name === 'char' ? `${k.ctrl ? '^' : ''}${k.ch}` : k.name));

describe('F-keys on every terminal the kiosk meets', () => {
  for (const [term, keys] of Object.entries(FKEY)) {
    test(`${term}: F1–F12`, () => {
      for (const [f, seq] of Object.entries(keys)) expect(names(seq), `${term} ${f} ${JSON.stringify(seq)}`).toEqual([f]);
    });
  }

  test('modified F-keys keep their number and report the modifier', () => {
    expect(decodeKeys(MODIFIED_FKEY.shiftF1)).toMatchObject([{ name: 'f1', shift: true }]);
    expect(decodeKeys(MODIFIED_FKEY.ctrlF5)).toMatchObject([{ name: 'f5', ctrl: true }]);
  });

  test('several keys in one chunk decode in order', () => {
    expect(names(FKEY.linux.f1 + FKEY.xterm.f2 + '12' + KEY.enter + FKEY.vt220.f3)).toEqual(['f1', 'f2', '1', '2', 'enter', 'f3']);
  });
});

describe('editing and movement keys', () => {
  test('Backspace is DEL or BS; Delete is its own key', () => {
    expect(names(KEY.backspace)).toEqual(['backspace']);
    expect(names(KEY.backspaceBS)).toEqual(['backspace']);
    expect(names(KEY.delete)).toEqual(['delete']);
  });

  test('arrows and paging in normal and application cursor mode', () => {
    expect(names('\x1b[A\x1b[B\x1bOA\x1bOB\x1b[5~\x1b[6~\x1b[H\x1b[F\x1b[1~\x1b[4~')).toEqual([
      'up', 'down', 'up', 'down', 'pageup', 'pagedown', 'home', 'end', 'home', 'end',
    ]);
  });

  test('Enter is CR, LF or CR LF (once); Ctrl+letters', () => {
    expect(names('\r')).toEqual(['enter']);
    expect(names('\n')).toEqual(['enter']);
    expect(names('\r\n')).toEqual(['enter']);
    expect(names(KEY.ctrlC + KEY.ctrlQ + KEY.ctrlU)).toEqual(['^c', '^q', '^u']);
  });

  test('numeric keypad in application mode decodes to its labels', () => {
    expect(names('\x1bOk\x1bOm\x1bOj\x1bOo\x1bOn\x1bOq\x1bOy\x1bOM')).toEqual(['+', '-', '*', '/', '.', '1', '9', 'enter']);
  });

  test('a lone ESC is Escape; ESC + key is Alt+key', () => {
    expect(names(KEY.escape)).toEqual(['escape']);
    expect(decodeKeys('\x1bx')).toMatchObject([{ name: 'char', ch: 'x', meta: true }]);
  });
});

describe('scanner bursts and split reads', () => {
  test('several printable characters in one chunk are a burst (text, never shortcuts)', () => {
    const keys = decodeKeys('GC12-34+5\r');
    expect(keys.slice(0, -1).every((k) => k.name === 'char' && k.burst)).toBe(true);
    expect(keys.at(-1)?.name).toBe('enter');
  });

  test('one keystroke per chunk is not a burst', () => {
    expect(decodeKeys('-')[0]).toMatchObject({ name: 'char', ch: '-' });
    expect(decodeKeys('-')[0].burst).toBeUndefined();
  });

  test('a sequence split across reads waits for the rest', () => {
    const d = createKeyDecoder();
    expect(d.push('\x1b[1')).toEqual([]);
    expect(d.pending()).toBe(true);
    expect(d.push('5~').map((k) => k.name)).toEqual(['f5']);
    expect(d.pending()).toBe(false);
  });

  test('an unfinished sequence that never completes is dropped on flush, not typed', () => {
    const d = createKeyDecoder();
    expect(d.push('12\x1b[')).toMatchObject([{ ch: '1' }, { ch: '2' }]);
    expect(d.flush().map((k) => k.name)).toEqual(['unknown']);
  });

  test('bytes arrive as Buffers too', () => {
    expect(createKeyDecoder().push(Buffer.from(FKEY.linux.f5)).map((k) => k.name)).toEqual(['f5']);
  });

  test('garbage never throws', () => {
    for (const s of ['\x1b[', '\x1b[[', '\x1bO', '\x1b\x1b', '\x1b[999999~', '\x1b[1;2;3;4;5Z', '\x00\x01\x1f', '\ud800', '\x1b[\x01']) {
      expect(() => decodeKeys(s)).not.toThrow();
    }
  });
});
