import { useEffect, useRef } from 'react';
import type { EditorMarker, EditorProps } from '../editorProps';
import { tokenEndColumn } from '../markerRange';
import { monaco, uriOf } from './setup';

type Model = monaco.editor.ITextModel;

function toMarkerData(model: Model, marker: EditorMarker): monaco.editor.IMarkerData {
  const line = Math.min(Math.max(1, marker.line), model.getLineCount());
  const lineEnd = model.getLineMaxColumn(line);
  const column = marker.column === undefined ? 1 : Math.min(Math.max(1, marker.column), lineEnd);
  // Without a column the whole line is marked; with one, the token that starts there.
  const end = marker.column === undefined ? lineEnd : tokenEndColumn(model.getLineContent(line), column);
  return {
    severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: marker.message,
    source: 'Functions host',
    startLineNumber: line,
    startColumn: column,
    endLineNumber: line,
    endColumn: Math.max(column + 1, Math.min(end, lineEnd)),
  };
}

/** Monaco behind the EditorProps contract: one editor, one model per open path. */
export default function MonacoEditor(props: EditorProps) {
  const { path, value, language, markers, openPaths, dark } = props;
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, Model>());
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const onChange = useRef(props.onChange);
  const applying = useRef(false);

  useEffect(() => {
    onChange.current = props.onChange;
  });

  useEffect(() => {
    const ownModels = models.current;
    const ed = monaco.editor.create(container.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      theme: dark ? 'playground-dark' : 'playground-light',
    });
    editor.current = ed;
    const changes = ed.onDidChangeModelContent(() => {
      const model = ed.getModel();
      if (!applying.current && model) onChange.current(model.getValue());
    });
    return () => {
      changes.dispose();
      ed.dispose();
      for (const model of ownModels.values()) model.dispose();
      ownModels.clear();
      editor.current = null;
    };
    // Created once; the effects below apply later prop changes.
  }, []);

  useEffect(() => {
    const ed = editor.current;
    if (!ed) return;
    let model = models.current.get(path);
    if (!model || model.isDisposed()) {
      const uri = uriOf(path);
      model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, language, uri);
      models.current.set(path, model);
    }
    if (model.getValue() !== value) {
      // A change from outside (a load or a rename): keep it undoable.
      applying.current = true;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      applying.current = false;
    }
    if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
    const current = ed.getModel();
    if (current !== model) {
      const previous = [...models.current].find(([, m]) => m === current)?.[0];
      if (previous !== undefined) viewStates.current.set(previous, ed.saveViewState());
      ed.setModel(model);
      const state = viewStates.current.get(path);
      if (state) ed.restoreViewState(state);
    }
  }, [path, value, language]);

  useEffect(() => {
    for (const [p, model] of models.current) {
      if (p === path || openPaths.includes(p)) continue;
      model.dispose();
      models.current.delete(p);
      viewStates.current.delete(p);
    }
  }, [openPaths, path]);

  useEffect(() => {
    const model = models.current.get(path);
    if (!model || model.isDisposed()) return;
    monaco.editor.setModelMarkers(
      model,
      'host',
      markers.map((m) => toMarkerData(model, m)),
    );
  }, [markers, path, value]);

  useEffect(() => {
    monaco.editor.setTheme(dark ? 'playground-dark' : 'playground-light');
  }, [dark]);

  return <div ref={container} className="monaco-host" data-path={path} />;
}
