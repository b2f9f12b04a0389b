/** A one-line progress bar on a terminal; silent elsewhere (logs, pipes, CI). */
export function progressBar(enabled: boolean, label: string, write: (s: string) => void = (s) => process.stderr.write(s)) {
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!enabled || total <= 0) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% (${done}/${total})`);
    },
    done() {
      if (enabled && last >= 0) write('\n');
    },
  };
}
