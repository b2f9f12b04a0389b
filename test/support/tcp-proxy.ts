/**
 * A TCP proxy on 127.0.0.1 in front of a server (the chain's PostgreSQL), standing for one register's
 * network: `cut()` drops every connection through it and refuses new ones until `restore()`;
 * `delayMs` holds each chunk back that long. Tests cut a register's network with it, never the
 * database itself.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops the open connections and refuses new ones. */
  cut(): void;
  restore(): void;
  delayMs: number;
  close(): Promise<void>;
}

export function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const pipe = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      if (proxy.delayMs > 0) setTimeout(() => to.destroyed || to.write(chunk), proxy.delayMs);
      else to.write(chunk);
    });
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = createConnection({ port: targetPort, host });
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
