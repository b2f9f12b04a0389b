/** The register's chain status for the status line, re-read every second (it changes off-screen: the outbox runs in the background). */
import { useEffect, useState } from 'react';
import type { Register } from '../../register.js';
import type { ChainStatus } from '../../sync/chain-link.js';

const key = (s: ChainStatus | null) => (s ? `${s.online}|${s.offlineSince}|${s.salesToSend}` : '');

export function useChainStatus(register: Register): ChainStatus | null {
  const [status, setStatus] = useState<ChainStatus | null>(() => register.chainStatus());
  useEffect(() => {
    if (!register.chainStatus()) return;
    const id = setInterval(() => {
      const next = register.chainStatus();
      setStatus((prev) => (key(prev) === key(next) ? prev : next));
    }, 1000);
    return () => clearInterval(id);
  }, [register]);
  return status;
}
