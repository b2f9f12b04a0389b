/**
 * The part of node-postgres (pg 8.23) the chain uses. The package ships no types and @types/pg is not a
 * dependency; this declares only what src/sync calls, as pg documents it (https://node-postgres.com).
 */
declare module 'pg' {
  export interface QueryResult<R = Record<string, unknown>> {
    rows: R[];
    rowCount: number | null;
  }
  export interface ClientConfig {
    connectionString?: string;
    host?: string;
    port?: number;
    user?: string;
    password?: string;
    database?: string;
    application_name?: string;
    connectionTimeoutMillis?: number;
    query_timeout?: number;
    statement_timeout?: number;
    keepAlive?: boolean;
    ssl?: boolean | { rejectUnauthorized?: boolean; ca?: string };
  }
  export interface DatabaseError extends Error {
    code?: string;
    detail?: string;
    hint?: string;
    constraint?: string;
  }
  export class Client {
    constructor(config?: ClientConfig | string);
    connect(): Promise<void>;
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
    on(event: 'error', listener: (err: Error) => void): this;
  }
  const pg: { Client: typeof Client };
  export default pg;
}
