import { lazy, Suspense, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Stores } from '../session/session';
import type { AppActions } from '../playground/appActions';
import { sameFiles } from '../embed/embedHandoff';
import { requestedEngine } from '../engine/engineChoices';
import { readLocalEngineConfig } from '../engine/localEngine';
import type { UiStore } from './uiStore';

// Each dialog is its own chunk: none is needed for the first paint.
const ShareDialog = lazy(() => import('../dialogs/ShareDialog'));
const EmbedDialog = lazy(() => import('../dialogs/EmbedDialog'));
const ConfirmRunDialog = lazy(() => import('../dialogs/ConfirmRunDialog'));

export interface DialogsProps {
  readonly stores: Stores;
  readonly ui: UiStore;
  readonly actions: AppActions;
  readonly loadExample: (name: string) => Promise<Record<string, string>>;
}

function ShareOrEmbed({
  stores,
  ui,
  actions,
  loadExample,
  which,
}: DialogsProps & { which: 'share' | 'embed' }) {
  // Taken once, when the dialog opens: the link does not change under the person's cursor.
  const state = useMemo(() => actions.sharedState(), [actions]);
  const close = () => ui.getState().openDialog(undefined);
  if (which === 'share') {
    const unsaved = Object.keys(stores.files.getState().drafts).length;
    return <ShareDialog state={state} href={window.location.href} unsaved={unsaved} onClose={close} />;
  }
  const example = ui.getState().origin.example;
  const engine = requestedEngine(window.location.search);
  return (
    <EmbedDialog
      state={state}
      baseUrl={`${window.location.origin}${window.location.pathname}`}
      {...(engine !== undefined && { engine })}
      servedLocally={readLocalEngineConfig(document) !== undefined}
      onClose={close}
      {...(example !== undefined && {
        example,
        isUnchangedExample: () => loadExample(example).then((files) => sameFiles(files, state.files)),
      })}
    />
  );
}

/** The open dialog, if any: Share, Embed, or the question before running code from a link. */
export function Dialogs(props: DialogsProps) {
  const { ui, stores, actions } = props;
  const dialog = useStore(ui, (s) => s.dialog);
  const confirm = useStore(ui, (s) => s.confirm);
  const fileCount = useStore(stores.files, (s) => Object.keys(s.files).length);
  return (
    <Suspense fallback={null}>
      {confirm !== undefined ? (
        <ConfirmRunDialog
          reason={confirm}
          fileCount={fileCount}
          onAnswer={(run) => void actions.confirmRun(run)}
        />
      ) : dialog !== undefined ? (
        <ShareOrEmbed key={dialog} {...props} which={dialog} />
      ) : null}
    </Suspense>
  );
}
