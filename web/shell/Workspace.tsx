import type { CSSProperties, ReactNode } from 'react';
import { useStore } from 'zustand';
import { ExchangesPanel } from '../exchanges/ExchangesPanel';
import { FileTree } from '../files/FileTree';
import type { PlaygroundSession, Stores } from '../session/session';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { TriggersPanel } from '../triggers/TriggersPanel';
import { EditorArea } from './EditorArea';
import type { LayoutStore } from './layoutStore';
import { LAYOUT_LIMITS } from './layoutStore';
import type { PlaygroundActions } from '../playground/playgroundActions';
import { PHONE_PANEL_ID } from './PhoneTabs';
import { ResizeHandle } from './ResizeHandle';
import { TreeFold } from './TreeFold';
import type { ViewStore } from './viewStore';
import type { Handle, WorkspaceLayout } from './workspaceLayout';
import './workspace.css';

export interface WorkspaceProps {
  readonly grid: WorkspaceLayout;
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly layout: LayoutStore;
  readonly actions: PlaygroundActions;
  readonly dark: boolean;
  readonly mac: boolean;
  /** Laid over the panes (the click-to-run button). */
  readonly overlay?: ReactNode;
  /** The folded tree and the phone's tab. */
  readonly view: ViewStore;
  /** The phone layout is on: the workspace is the panel of its tabs. */
  readonly phone?: boolean;
}

/** The panes the layout asks for, in its grid, with handles between them. */
export function Workspace({
  grid,
  stores,
  session,
  layout,
  actions,
  dark,
  mac,
  overlay,
  view,
  phone = false,
}: WorkspaceProps) {
  const sizes = useStore(layout);
  const phoneTab = useStore(view, (s) => s.phoneTab);
  const triggersShown = grid.columns.some((c) => c.kind === 'side' && c.rows.includes('triggers'));
  const handle = (h: Handle, key: string) => (
    <ResizeHandle
      key={key}
      axis={h.axis}
      label={h.label}
      size={sizes[h.pane]}
      min={LAYOUT_LIMITS[h.pane][0]}
      max={LAYOUT_LIMITS[h.pane][1]}
      direction={h.direction}
      onResize={(size) => layout.getState().resize(h.pane, size)}
    />
  );

  return (
    <main
      id={PHONE_PANEL_ID}
      tabIndex={-1}
      className="workspace"
      style={{ '--workspace-columns': grid.template } as CSSProperties}
      data-phone-tab={phoneTab}
      {...(phone && { role: 'tabpanel', 'aria-labelledby': `phone-tab-${phoneTab}` })}
    >
      {grid.columns.map((column, i) => {
        switch (column.kind) {
          case 'handle':
            return handle(column, `h${i}`);
          case 'tree':
            return (
              <TreeFold key="tree" view={view}>
                <FileTree files={stores.files} runtime={stores.runtime} actions={actions} />
              </TreeFold>
            );
          case 'center':
            return (
              <div
                key="center"
                className="center-column"
                style={{ '--center-rows': column.template } as CSSProperties}
              >
                {column.rows.map((row, j) =>
                  typeof row === 'object' ? (
                    handle(row, `h${j}`)
                  ) : row === 'editor' ? (
                    <EditorArea
                      key="editor"
                      files={stores.files}
                      runtime={stores.runtime}
                      actions={actions}
                      dark={dark}
                      mac={mac}
                    />
                  ) : (
                    <TerminalPanel key="terminal" terminal={stores.terminal} dark={dark} />
                  ),
                )}
              </div>
            );
          case 'side':
            return (
              <div
                key="side"
                className="side-column"
                style={{ '--side-rows': column.template } as CSSProperties}
              >
                {column.rows.map((row, j) =>
                  typeof row === 'object' ? (
                    handle(row, `h${j}`)
                  ) : row === 'triggers' ? (
                    <div key="triggers" className="side-pane side-pane--triggers">
                      <TriggersPanel triggers={stores.triggers} runtime={stores.runtime} session={session} />
                    </div>
                  ) : (
                    <div key="exchanges" className="side-pane side-pane--exchanges">
                      <ExchangesPanel
                        exchanges={stores.exchanges}
                        session={session}
                        triggersShown={triggersShown}
                      />
                    </div>
                  ),
                )}
              </div>
            );
        }
      })}
      {overlay}
    </main>
  );
}
