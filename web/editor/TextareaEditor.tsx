import type { EditorProps } from './editorProps';
import { loadDeferredChunksNow } from '../playground/deferredChunks';
import './markers.css';

export interface TextareaEditorProps extends EditorProps {
  /** Why the plain editor is showing, when it is there for good. */
  readonly notice?: string;
}

/** A plain text area with the same contract: shown while Monaco loads, and if it cannot. */
export function TextareaEditor({ path, value, onChange, markers, notice }: TextareaEditorProps) {
  return (
    <div className="textarea-editor">
      {notice && (
        <p className="textarea-notice" role="status">
          {notice}
        </p>
      )}
      <textarea
        aria-label={`Contents of ${path}`}
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        onChange={(e) => onChange(e.target.value)}
        // Whoever starts editing wants the real editor: stop holding it back (deferredChunks.ts).
        onFocus={loadDeferredChunksNow}
      />
      {markers.length > 0 && (
        <ul className="textarea-markers" aria-label={`Problems in ${path}`}>
          {markers.map((m, i) => (
            <li key={i} className={`marker marker--${m.severity}`}>
              {m.line}:{m.column ?? 1} {m.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
