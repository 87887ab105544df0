// First, so that every area's stylesheet, imported by its component below, overrides the base.
import './app.css';
import { useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import { useStore } from 'zustand';
import type { EmbedOptions } from '../embed/embedOptions';
import type { EngineKind } from '../engine/engine';
import type { EngineChoice } from '../engine/engineChoices';
import { fullPlaygroundUrl } from '../embed/embedOptions';
import type { ExampleInfo } from '../examples/examples';
import type { PlaygroundSession, Stores } from '../session/session';
import type { AppActions } from '../playground/appActions';
import { BootBanner } from './BootBanner';
import { useDarkTheme } from './colorScheme';
import { Dialogs } from './Dialogs';
import { EmbedBar, RunOverlay } from '../embed/EmbedBar';
import { DropOverlay, useFileDrop } from './FileDrop';
import type { LayoutStore } from './layoutStore';
import { HandlerBanner } from './HandlerBanner';
import { EmbedProblems, ExampleExplanation, LinkErrorBanner, NoteBanner } from './Notices';
import type { PlaygroundActions } from '../playground/playgroundActions';
import { isMacPlatform } from './shortcuts';
import { Toolbar } from './Toolbar';
import type { UiStore } from './uiStore';
import { useShortcuts } from './useShortcuts';
import { PhoneTabs } from './PhoneTabs';
import { useMediaQuery } from './useMediaQuery';
import { createViewStore, PHONE_QUERY } from './viewStore';
import { Workspace } from './Workspace';
import { workspaceLayout } from './workspaceLayout';
// After every pane's own stylesheet (imported above through Workspace), so the phone rules win.
import './phone.css';

export interface AppProps {
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly layout: LayoutStore;
  readonly actions: PlaygroundActions;
  readonly app: AppActions;
  readonly ui: UiStore;
  readonly examples: readonly ExampleInfo[];
  readonly loadExample: (name: string) => Promise<Record<string, string>>;
  /** The address's embed options; outside embed mode, every panel and the system theme. */
  readonly embed: EmbedOptions;
  readonly bootTimeoutMs?: number;
  /** The engines the toolbar offers, and how to switch (main.tsx: reload into `?engine=`). */
  readonly engines?: readonly EngineChoice[];
  readonly onSwitchEngine?: (kind: EngineKind) => void;
}

const mac = isMacPlatform(typeof navigator === 'undefined' ? undefined : navigator);

/**
 * The playground page: toolbar, files, editor and terminal, triggers and exchanges; in an embed,
 * a slim bar and the chosen panels.
 */
export function App({
  stores,
  session,
  layout,
  actions,
  app,
  ui,
  examples,
  loadExample,
  embed,
  bootTimeoutMs,
  engines,
  onSwitchEngine,
}: AppProps) {
  const dark = useDarkTheme(embed.theme);
  const sizes = useStore(layout);
  const [view] = useState(createViewStore);
  const treeFolded = useStore(view, (s) => s.treeFolded);
  const phone = useMediaQuery(PHONE_QUERY) && !embed.embed;
  const grid = useMemo(() => workspaceLayout(embed.panels, embed.embed), [embed.panels, embed.embed]);
  useShortcuts(mac, {
    save: () => {
      const active = stores.files.getState().active;
      if (active !== undefined) void actions.save(active);
    },
    saveAll: () => void actions.saveAll(),
    send: () => void actions.send(),
  });
  useFileDrop(ui, app, !embed.embed);

  const style = {
    '--tree-width': treeFolded ? '34px' : `${sizes.tree}px`,
    '--side-width': `${sizes.side}px`,
    '--terminal-height': `${sizes.terminal}px`,
    '--triggers-height': `${sizes.triggers}px`,
  } as CSSProperties;
  const fullUrl = () => fullPlaygroundUrl(window.location.href);

  return (
    <div className={embed.embed ? 'app app--embed' : 'app'} style={style}>
      <a
        className="skip-link"
        href="#workspace"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('workspace')?.focus();
        }}
      >
        Skip to the workspace
      </a>
      {embed.embed ? (
        <EmbedBar
          runtime={stores.runtime}
          files={stores.files}
          ui={ui}
          actions={app}
          fullUrl={fullUrl()}
          loadExample={loadExample}
        />
      ) : (
        <Toolbar
          files={stores.files}
          runtime={stores.runtime}
          examples={examples}
          actions={actions}
          app={app}
          ui={ui}
          mac={mac}
          {...(engines && { engines })}
          {...(onSwitchEngine && { onSwitchEngine })}
        />
      )}
      <LinkErrorBanner ui={ui} />
      <BootBanner
        runtime={stores.runtime}
        {...(embed.embed && { newTabUrl: fullUrl, compact: true })}
        {...(bootTimeoutMs !== undefined && { bootTimeoutMs })}
      />
      <HandlerBanner runtime={stores.runtime} files={stores.files} actions={actions} />
      <NoteBanner ui={ui} />
      <EmbedProblems ui={ui} />
      {!embed.embed && <ExampleExplanation ui={ui} />}
      {phone && <PhoneTabs view={view} />}
      <Workspace
        grid={grid}
        view={view}
        phone={phone}
        stores={stores}
        session={session}
        layout={layout}
        actions={actions}
        dark={dark}
        mac={mac}
        overlay={<RunOverlay ui={ui} actions={app} />}
      />
      <DropOverlay ui={ui} />
      <Dialogs stores={stores} ui={ui} actions={app} loadExample={loadExample} />
    </div>
  );
}
