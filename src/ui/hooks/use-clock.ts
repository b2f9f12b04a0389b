/** The status bar clock; re-renders only when the shown minute changes. */
import { useEffect, useState } from 'react';
import { clockText } from '../selectors.js';

const systemNow = () => new Date();

export function useClock(locale: string, ascii: boolean, now: () => Date = systemNow): string {
  const [text, setText] = useState(() => clockText(now(), locale, ascii));
  useEffect(() => {
    const id = setInterval(() => setText(clockText(now(), locale, ascii)), 1000);
    return () => clearInterval(id);
  }, [locale, ascii, now]);
  return text;
}
