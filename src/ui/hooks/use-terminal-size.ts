/** Terminal size, tracked across resizes (the layout uses every row and column it gets). */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number | undefined;
  rows: number | undefined;
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({ columns: stdout.columns, rows: stdout.rows });
  const [size, setSize] = useState<TerminalSize>(read);
  useEffect(() => {
    const onResize = () => setSize((prev) => {
      const next = read();
      return prev.columns === next.columns && prev.rows === next.rows ? prev : next;
    });
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
