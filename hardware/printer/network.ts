/**
 * Network printer link: raw TCP to port 9100 (`tcp://host:9100`), one socket per job or poll.
 * Connect and write have deadlines; the socket is destroyed on any failure so nothing is retried by
 * the operating system or a library behind our back.
 */
import net from 'node:net';
import { LinkError, linkErrorOf, type Connection, type PrinterLink } from './link.js';

export function parseTcpAddress(address: string): { host: string; port: number } | null {
  const m = /^(?:tcp:\/\/)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(String(address).trim());
  if (!m) return null;
  const port = m[2] ? Number(m[2]) : 9100;
  if (port < 1 || port > 65535) return null;
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

export function createNetworkLink(address: string): PrinterLink {
  const parsed = parseTcpAddress(address);
  const target = parsed ? `tcp://${parsed.host}:${parsed.port}` : String(address);
  return {
    kind: 'network',
    target,
    open(timeoutMs) {
      if (!parsed) return Promise.reject(new LinkError('PRINTER_ERROR', `hardware.printerAddress "${address}" is not tcp://host:port`));
      return new Promise<Connection>((resolve, reject) => {
        const socket = net.connect({ host: parsed.host, port: parsed.port });
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new LinkError('PRINTER_OFFLINE', `${target} does not answer (connect timeout ${timeoutMs} ms)`));
        }, timeoutMs);
        socket.once('error', (e) => {
          clearTimeout(timer);
          socket.destroy();
          reject(linkErrorOf(e, target));
        });
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.removeAllListeners('error');
          resolve(connection(socket, target));
        });
      });
    },
  };
}

function connection(socket: net.Socket, target: string): Connection {
  const inbox: number[] = [];
  let waiter: ((b: number | undefined) => void) | null = null;
  let failed: Error | null = null;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    for (const b of chunk) inbox.push(b);
    if (waiter && inbox.length) {
      const w = waiter;
      waiter = null;
      w(inbox.shift());
    }
  });
  socket.on('error', (e) => {
    failed = e;
  });
  socket.on('close', () => {
    if (waiter) {
      const w = waiter;
      waiter = null;
      w(undefined);
    }
  });
  return {
    write(bytes, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        if (failed || socket.destroyed) return reject(linkErrorOf(failed ?? Object.assign(new Error('closed'), { code: 'EPIPE' }), target));
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new LinkError('PRINTER_OFFLINE', `${target} does not take data (write timeout ${timeoutMs} ms)`));
        }, timeoutMs);
        socket.write(bytes, (e) => {
          clearTimeout(timer);
          if (e) reject(linkErrorOf(e, target));
          else resolve();
        });
      });
    },
    read(timeoutMs) {
      if (inbox.length) return Promise.resolve(inbox.shift());
      if (socket.destroyed) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiter = null;
          resolve(undefined);
        }, timeoutMs);
        waiter = (b) => {
          clearTimeout(timer);
          resolve(b);
        };
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        const timer = setTimeout(() => {
          socket.destroy();
          resolve();
        }, 1000);
        socket.end(() => {
          clearTimeout(timer);
          socket.destroy();
          resolve();
        });
      });
    },
  };
}
