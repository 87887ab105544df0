import { useRef } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

export interface ResizeHandleProps {
  /** 'x' sits between columns and changes a width; 'y' sits between rows and changes a height. */
  readonly axis: 'x' | 'y';
  readonly label: string;
  readonly size: number;
  readonly min: number;
  readonly max: number;
  /** 1 when dragging right or down grows the pane; -1 when it shrinks it. */
  readonly direction: 1 | -1;
  readonly onResize: (size: number) => void;
}

const STEP = 16;

/** A drag handle between two panes: pointer drags, and arrow keys when focused. */
export function ResizeHandle({ axis, label, size, min, max, direction, onResize }: ResizeHandleProps) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const coordinate = (e: PointerEvent) => (axis === 'x' ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: coordinate(e), size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onResize(drag.current.size + direction * (coordinate(e) - drag.current.start));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
    const forward = axis === 'x' ? 'ArrowRight' : 'ArrowDown';
    let next: number | undefined;
    if (e.key === back) next = size - direction * STEP;
    else if (e.key === forward) next = size + direction * STEP;
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    if (next === undefined) return;
    e.preventDefault();
    onResize(next);
  };

  return (
    <div
      className={`resize-handle resize-handle--${axis}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
