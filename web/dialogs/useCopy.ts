import { useEffect, useRef, useState } from 'react';
import { copyText } from './copyText';

export type CopyState = 'idle' | 'copied' | 'failed';

/** A Copy button's state: "Copied" for a moment after a copy, or a hint to press Ctrl+C. */
export function useCopy(): [
  CopyState,
  (text: string, field?: HTMLInputElement | HTMLTextAreaElement | null) => void,
] {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = (text: string, field?: HTMLInputElement | HTMLTextAreaElement | null) => {
    void copyText(text, field).then((ok) => {
      setState(ok ? 'copied' : 'failed');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setState('idle'), 2000);
    });
  };
  return [state, copy];
}

export function copyLabel(state: CopyState, idle = 'Copy'): string {
  return state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C to copy' : idle;
}
