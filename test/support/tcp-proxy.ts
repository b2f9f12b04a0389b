/**
 * A TCP proxy on 127.0.0.1 in front of a server (the chain's PostgreSQL), standing for one register's
 * network: `cut()` drops every connection through it and refuses new ones until `restore()`;
 * `delayMs` holds each chunk back that long (a chunk never overtakes an earlier one when the delay
 * shrinks: TCP keeps order, and a reordered PostgreSQL stream would be garbage, not a slow network);
 * `dropOne(pick)` resets one open connection and lets new ones in. Tests cut a register's network
 * with it, never the database itself.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops the open connections and refuses new ones. */
  cut(): void;
  restore(): void;
  delayMs: number;
  /** Open client connections. */
  readonly connections: number;
  /** Resets one open connection (`pick` chooses among the open ones, 0 <= pick < 1); false when none is open. */
  dropOne(pick: number): boolean;
  close(): Promise<void>;
}

export function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const clients = new Set<Socket>();
  let down = false;
  const proxy: TcpProxy = {
    port: 0,
    delayMs: 0,
    cut() {
      down = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      down = false;
    },
    get connections() {
      return clients.size;
    },
    dropOne(pick) {
      const list = [...clients];
      if (!list.length) return false;
      list[Math.min(list.length - 1, Math.floor(pick * list.length))].destroy();
      return true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const pipe = (from: Socket, to: Socket) => {
    // One queue per direction, sent in arrival order, each chunk no earlier than its arrival + delay.
    const queue: { at: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | null = null;
    const flush = () => {
      timer = null;
      while (queue.length && queue[0].at <= Date.now()) {
        const { chunk } = queue.shift()!;
        if (!to.destroyed) to.write(chunk);
      }
      if (queue.length) timer = setTimeout(flush, queue[0].at - Date.now());
    };
    from.on('data', (chunk: Buffer) => {
      if (proxy.delayMs <= 0 && queue.length === 0) return void to.write(chunk);
      queue.push({ at: Date.now() + Math.max(0, proxy.delayMs), chunk });
      timer ??= setTimeout(flush, Math.max(0, queue[0].at - Date.now()));
    });
  };
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = createConnection({ port: targetPort, host });
    clients.add(client);
    client.on('close', () => clients.delete(client));
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  return new Promise((resolve) =>
    server.listen(0, host, () => {
      proxy.port = (server.address() as { port: number }).port;
      server.unref();
      resolve(proxy);
    }),
  );
}
