import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundActions } from '../playground/playgroundActions';
import type { FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import { handlerProblem, placeOf } from './handlerProblems';
import './notices.css';

export interface HandlerBannerProps {
  readonly runtime: RuntimeStore;
  readonly files: FilesStore;
  readonly actions: Pick<PlaygroundActions, 'runOrRestart'>;
}

/**
 * Says at once, where a person looks, why the handler is not answering: it has not opened its
 * port yet, it crashed on a line of its code, or the host gave up on it.
 */
export function HandlerBanner({ runtime, files, actions }: HandlerBannerProps) {
  const host = useStore(runtime, (s) => s.host);
  const diagnostics = useStore(runtime, (s) => s.diagnostics);
  const problem = useMemo(() => handlerProblem(host, diagnostics), [host, diagnostics]);
  if (!problem) return null;

  if (problem.kind === 'slow') {
    return (
      <div className="notice notice--warning" role="status" aria-label="Handler not listening yet">
        <p className="notice-text">
          <strong>Waiting for the handler. </strong>
          {problem.text}
        </p>
      </div>
    );
  }

  const restart = (
    <button type="button" onClick={() => void actions.runOrRestart()}>
      Restart
    </button>
  );
  if (problem.kind === 'crash') {
    const { place } = problem;
    const canOpen = files.getState().files[place.file] !== undefined;
    return (
      <div className="notice notice--error" role="alert" aria-label="Handler crashed">
        <div className="notice-text">
          <strong>The handler crashed. </strong>
          {canOpen ? (
            <button type="button" className="link-button" onClick={() => files.getState().open(place.file)}>
              {placeOf(place)}
            </button>
          ) : (
            <code>{placeOf(place)}</code>
          )}
          : <code>{place.message}</code>
          <p>Fix it and save, or Restart.</p>
        </div>
        {restart}
      </div>
    );
  }
  return (
    <div className="notice notice--error" role="alert" aria-label="Handler stopped">
      <div className="notice-text">
        <strong>The handler stopped. </strong>
        {problem.text}
        <p>Fix it and save, or Restart.</p>
      </div>
      {restart}
    </div>
  );
}
