import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { clashProblem, pathProblem } from './fileRules';
import type { FunctionTemplate } from './templates';
import { checkFunctionName, FUNCTION_TEMPLATES } from './templates';
import { focusOnMount } from './focusOnMount';

interface FormProps {
  readonly paths: readonly string[];
  /** Returns a problem to show, or undefined when done. */
  readonly onSubmit: (...args: never[]) => string | undefined;
  readonly onCancel: () => void;
}

const cancelOnEscape = (onCancel: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') onCancel();
};

/** A one-field form that names a path: a new file, or the new name of one. */
export function PathForm({
  label,
  initial,
  paths,
  onSubmit,
  onCancel,
  submitLabel,
}: FormProps & {
  readonly label: string;
  readonly initial: string;
  readonly submitLabel: string;
  readonly onSubmit: (path: string) => string | undefined;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const live =
    value === '' || value === initial
      ? undefined
      : (pathProblem(value) ?? clashProblem(paths, value, initial === '' ? undefined : initial));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(onSubmit(value.trim()));
  };
  const problem = error ?? live;
  return (
    <form className="tree-form" onSubmit={submit} onKeyDown={cancelOnEscape(onCancel)}>
      <input
        aria-label={label}
        ref={focusOnMount}
        value={value}
        placeholder="folder/file.js"
        aria-invalid={problem !== undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(undefined);
        }}
      />
      <button type="submit" disabled={value.trim() === '' || live !== undefined}>
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <p className="form-error" role="alert">
        {problem ?? ''}
      </p>
    </form>
  );
}

/** Name and trigger type of a new function. */
export function NewFunctionForm({
  paths,
  onSubmit,
  onCancel,
}: FormProps & { readonly onSubmit: (name: string, template: FunctionTemplate) => string | undefined }) {
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<FunctionTemplate>('http');
  const [error, setError] = useState<string | undefined>();
  const live = name === '' ? undefined : checkFunctionName(name, paths);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(onSubmit(name.trim(), template));
  };
  const problem = error ?? live;
  return (
    <form className="tree-form" onSubmit={submit} onKeyDown={cancelOnEscape(onCancel)}>
      <input
        aria-label="Function name"
        ref={focusOnMount}
        value={name}
        placeholder="functionName"
        aria-invalid={problem !== undefined}
        onChange={(e) => {
          setName(e.target.value);
          setError(undefined);
        }}
      />
      <select
        aria-label="Trigger of the new function"
        value={template}
        onChange={(e) => setTemplate(e.target.value as FunctionTemplate)}
      >
        {FUNCTION_TEMPLATES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={name.trim() === '' || live !== undefined}>
        Create
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <p className="form-error" role="alert">
        {problem ?? ''}
      </p>
    </form>
  );
}
