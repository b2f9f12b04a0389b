/**
 * A network ESC/POS printer on 127.0.0.1 (port 0): records every byte it receives and answers
 * DLE EOT 1/2/4 with literal Epson status bytes for the state a test sets. `silent` makes it one-way
 * (never answers), `slowMs` delays answers, `close()` then connections are refused.
 */
import net from 'node:net';

export interface FakePrinterState {
  paperOut?: boolean;
  coverOpen?: boolean;
  offline?: boolean;
  paperLow?: boolean;
  drawerHigh?: boolean;
  silent?: boolean;
  slowMs?: number;
}

export interface FakeTcpPrinter {
  address: string;
  port: number;
  state: FakePrinterState;
  /** Bytes received, status queries (10 04 n) removed, per connection that carried data. */
  jobs: Buffer[];
  /** Resolves once `n` data connections have closed (the server hears a close after the client). */
  settle(n: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startFakeTcpPrinter(initial: FakePrinterState = {}): Promise<FakeTcpPrinter> {
  const state: FakePrinterState = { ...initial };
  const jobs: Buffer[] = [];
  const answer = (n: number): number => {
    const s = state;
    if (n === 1) return 0x12 | (s.drawerHigh ? 0x04 : 0) | (s.offline || s.coverOpen || s.paperOut ? 0x08 : 0);
    if (n === 2) return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
    return 0x12 | (s.paperLow || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
  };
  const server = net.createServer((sock) => {
    const data: number[] = [];
    let pending: number[] = [];
    sock.on('data', (chunk: Buffer) => {
      pending.push(...chunk);
      // Real-time commands are taken out of the stream wherever they stand.
      const keep: number[] = [];
      for (let i = 0; i < pending.length; i++) {
        if (pending[i] === 0x10 && pending[i + 1] === 0x04 && pending[i + 2] !== undefined && [1, 2, 4].includes(pending[i + 2])) {
          const n = pending[i + 2];
          i += 2;
          if (!state.silent) {
            const b = answer(n);
            if (state.slowMs) setTimeout(() => !sock.destroyed && sock.write(Buffer.from([b])), state.slowMs);
            else sock.write(Buffer.from([b]));
          }
        } else if (pending[i] === 0x10 && (pending[i + 1] === undefined || (pending[i + 1] === 0x04 && pending[i + 2] === undefined)) && i >= pending.length - 2) {
          keep.push(...pending.slice(i));
          break;
        } else data.push(pending[i]);
      }
      pending = keep;
    });
    sock.on('error', () => {});
    sock.on('close', () => {
      if (data.length) jobs.push(Buffer.from(data));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `tcp://127.0.0.1:${port}`,
    port,
    state,
    jobs,
    async settle(n) {
      for (let i = 0; i < 200 && jobs.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      return jobs;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
