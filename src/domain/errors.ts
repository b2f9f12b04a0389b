/**
 * Every refusal the register can give carries a stable code (for logs, headless clients and tests)
 * and a message key for the cashier (resolved through the i18n catalog by the UI).
 */
export class TillError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(code: string, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.name = 'TillError';
    this.code = code;
    this.params = params;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: TillError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string, params: Record<string, string | number> = {}): Result<T> => ({
  ok: false,
  error: new TillError(code, message, params),
});
