/**
 * Every `till <command>` is one AdminCommand registered in src/cli.ts. `run` gets the parsed
 * arguments and a context; it prints through ctx.out/ctx.err (never console) and returns an exit code.
 * Every command answers `--help` with its usage text.
 */
export interface CommandContext {
  /** Data folder (from --data, TILL_DATA, or the default). */
  dataDir: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stdout is a terminal (progress bars only then). */
  isTTY: boolean;
  /** Injected clock for tests. */
  now: () => Date;
  /**
   * The language of the output (cli-language.ts: --lang, TILL_LANG, the store's). Commands whose
   * texts are in the catalogs print through `translate(ctx.language ?? 'en', key)`.
   */
  language?: string;
  /** Reads a secret (a PIN) without echo; tests inject one. Default: the terminal or stdin (pin-input.ts). */
  readSecret?: () => Promise<string>;
}

export interface AdminCommand {
  /** e.g. "init", "import", "giftcard", "journal" */
  name: string;
  summary: string;
  /** Full usage text shown by --help, including subcommands and options. */
  usage: string;
  run(argv: string[], ctx: CommandContext): Promise<number>;
}
