/**
 * Reading a PIN for the back office without putting it on the command line (where `ps` and the
 * shell history would keep it): from a terminal it is asked for twice with echo off; from a pipe
 * (`printf '1234\n' | till operator add ...`) the first line is taken.
 */
import { TillError } from '../domain/errors.js';
import { checkPin } from '../domain/operators/pin.js';

export type PinSource = () => Promise<string>;

function readLine(input: NodeJS.ReadStream, prompt: string | null, out: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const tty = input.isTTY && typeof input.setRawMode === 'function';
    if (prompt) out.write(prompt);
    if (tty) input.setRawMode(true);
    input.setEncoding('utf8');
    const done = (err: Error | null) => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (tty) input.setRawMode(false);
      input.pause();
      if (prompt) out.write('\n');
      if (err) reject(err);
      else resolve(buf);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\n' || ch === '\r') return done(null);
        if (ch === '\u0003') return done(new TillError('CANCELLED', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') buf = buf.slice(0, -1);
        else buf += ch;
        if (buf.length > 64) return done(new TillError('PIN_FORMAT', 'A PIN is 4 to 8 digits.'));
      }
    };
    const onEnd = () => done(null);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/** The PIN from stdin: twice from a terminal (they must match), else the first line. */
export async function readPin(input: NodeJS.ReadStream = process.stdin, out: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (input.isTTY) {
    const a = await readLine(input, 'New PIN (4-8 digits): ', out);
    const b = await readLine(input, 'Same PIN again: ', out);
    if (a !== b) throw new TillError('PIN_MISMATCH', 'The two PINs differ; nothing was changed.');
    return checked(a);
  }
  return checked((await readLine(input, null, out)).trim());
}

function checked(pin: string): string {
  const r = checkPin(pin);
  if (!r.ok) throw r.error;
  return r.value;
}
