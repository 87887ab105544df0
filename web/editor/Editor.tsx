import { Component, lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import type { EditorProps } from './editorProps';
import { TextareaEditor } from './TextareaEditor';
import { deferred } from '../playground/deferredChunks';
import './editor.css';

// Held while the runtime starts (deferredChunks.ts): the text area serves until then.
const MonacoEditor = lazy(deferred(() => import('./monaco/MonacoEditor')));

class EditorFallback extends Component<{ children: ReactNode; fallback: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    console.warn('The code editor could not load; using a plain text area.', error);
  }

  render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The file editor: Monaco once its chunk has loaded, a plain text area until then or instead. */
export function Editor(props: EditorProps) {
  return (
    <EditorFallback
      fallback={
        <TextareaEditor {...props} notice="The code editor could not load; this is a plain text area." />
      }
    >
      <Suspense fallback={<TextareaEditor {...props} />}>
        <MonacoEditor {...props} />
      </Suspense>
    </EditorFallback>
  );
}
