import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { ViewStore } from './viewStore';
import { PHONE_TABS } from './viewStore';

/** The workspace, whose panes change with the tab: every tab controls it. */
export const PHONE_PANEL_ID = 'workspace';

/**
 * On a phone the workspace shows one view at a time: code, request, exchanges or terminal. A tab
 * list as the WAI-ARIA practices describe it: arrow keys move, Home and End jump.
 */
export function PhoneTabs({ view }: { readonly view: ViewStore }) {
  const tab = useStore(view, (s) => s.phoneTab);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = PHONE_TABS.findIndex((t) => t.id === tab);
    const n = PHONE_TABS.length;
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % n
        : e.key === 'ArrowLeft'
          ? (at + n - 1) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    view.getState().setPhoneTab(PHONE_TABS[next]!.id);
    buttons.current[next]?.focus();
  };
  return (
    <div className="phone-tabs" role="tablist" aria-label="View" onKeyDown={onKeyDown}>
      {PHONE_TABS.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`phone-tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls={PHONE_PANEL_ID}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => view.getState().setPhoneTab(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
