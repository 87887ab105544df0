import type { CSSProperties } from 'react';
import { useStore } from 'zustand';
import type { ExampleInfo } from '../examples/examples';
import { ExchangesPanel } from '../exchanges/ExchangesPanel';
import { FileTree } from '../files/FileTree';
import type { PlaygroundSession, Stores } from '../session/session';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { TriggersPanel } from '../triggers/TriggersPanel';
import { BootBanner } from './BootBanner';
import { usePrefersDark } from './colorScheme';
import { EditorArea } from './EditorArea';
import type { LayoutStore } from './layoutStore';
import { LAYOUT_LIMITS } from './layoutStore';
import type { PlaygroundActions } from './playgroundActions';
import { ResizeHandle } from './ResizeHandle';
import { isMacPlatform } from './shortcuts';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';

export interface AppProps {
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly layout: LayoutStore;
  readonly actions: PlaygroundActions;
  readonly examples: readonly ExampleInfo[];
  readonly bootTimeoutMs?: number;
}

const mac = isMacPlatform(typeof navigator === 'undefined' ? undefined : navigator);

/** The playground page: toolbar, files, editor and terminal, triggers and exchanges. */
export function App({ stores, session, layout, actions, examples, bootTimeoutMs }: AppProps) {
  const dark = usePrefersDark();
  const sizes = useStore(layout);
  useShortcuts(mac, {
    save: () => {
      const active = stores.files.getState().active;
      if (active !== undefined) void actions.save(active);
    },
    saveAll: () => void actions.saveAll(),
    send: () => void actions.send(),
  });

  const style = {
    '--tree-width': `${sizes.tree}px`,
    '--side-width': `${sizes.side}px`,
    '--terminal-height': `${sizes.terminal}px`,
    '--triggers-height': `${sizes.triggers}px`,
  } as CSSProperties;
  const handle = (pane: keyof typeof LAYOUT_LIMITS, axis: 'x' | 'y', direction: 1 | -1, label: string) => (
    <ResizeHandle
      axis={axis}
      label={label}
      size={sizes[pane]}
      min={LAYOUT_LIMITS[pane][0]}
      max={LAYOUT_LIMITS[pane][1]}
      direction={direction}
      onResize={(size) => layout.getState().resize(pane, size)}
    />
  );

  return (
    <div className="app" style={style}>
      <Toolbar
        files={stores.files}
        runtime={stores.runtime}
        examples={examples}
        actions={actions}
        mac={mac}
      />
      <BootBanner runtime={stores.runtime} {...(bootTimeoutMs !== undefined && { bootTimeoutMs })} />
      <main className="workspace">
        <FileTree files={stores.files} runtime={stores.runtime} actions={actions} />
        {handle('tree', 'x', 1, 'Resize the file tree')}
        <div className="center-column">
          <EditorArea files={stores.files} runtime={stores.runtime} actions={actions} dark={dark} mac={mac} />
          {handle('terminal', 'y', -1, 'Resize the terminal')}
          <TerminalPanel terminal={stores.terminal} dark={dark} />
        </div>
        {handle('side', 'x', -1, 'Resize the side panels')}
        <div className="side-column">
          <div className="side-pane">
            <TriggersPanel triggers={stores.triggers} runtime={stores.runtime} session={session} />
          </div>
          {handle('triggers', 'y', 1, 'Resize the triggers panel')}
          <div className="side-pane">
            <ExchangesPanel exchanges={stores.exchanges} session={session} />
          </div>
        </div>
      </main>
    </div>
  );
}
