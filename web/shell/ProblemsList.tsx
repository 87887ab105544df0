import { useStore } from 'zustand';
import { hasFile } from '../files/fileRules';
import { formatDiagnostic } from '../../runtime/core/app/diagnostics';
import type { FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import '../editor/markers.css';
import './problemsList.css';

/** The host's problems with the app's files: each names its place and opens the file. */
export function ProblemsList({
  runtime,
  files,
}: {
  readonly runtime: RuntimeStore;
  readonly files: FilesStore;
}) {
  const diagnostics = useStore(runtime, (s) => s.diagnostics);
  if (diagnostics.length === 0) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <details className="problems" open={errors > 0}>
      <summary>
        Problems: {errors} error{errors === 1 ? '' : 's'}, {diagnostics.length - errors} warning
        {diagnostics.length - errors === 1 ? '' : 's'}
      </summary>
      <ul>
        {diagnostics.map((d, i) => (
          <li key={i} className={`marker marker--${d.severity}`}>
            <button
              type="button"
              className="link-button"
              onClick={() => hasFile(files.getState().files, d.file) && files.getState().open(d.file)}
            >
              {formatDiagnostic(d)}
            </button>
            {d.hint !== undefined && <p className="problems__hint">{d.hint}</p>}
          </li>
        ))}
      </ul>
    </details>
  );
}
