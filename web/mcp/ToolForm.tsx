import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { JsonObject, ToolInfo } from './jsonRpc';
import { argumentsOf, fieldsOf } from './schemaForm';
import type { Field } from './schemaForm';

export interface ToolFormProps {
  readonly tool: ToolInfo;
  readonly disabled: boolean;
  readonly onCall: (args: JsonObject) => void;
}

/** A form for one tool's arguments, a field per property of its input schema. */
export function ToolForm({ tool, disabled, onCall }: ToolFormProps) {
  const fields = useMemo(() => fieldsOf(tool.inputSchema), [tool]);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.initial])),
  );
  const [problem, setProblem] = useState<string | undefined>();
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const args = argumentsOf(fields, values);
    if (!args.ok) {
      setProblem(args.error);
      return;
    }
    setProblem(undefined);
    onCall(args.value);
  };

  return (
    <form className="mcp-tool" aria-label={`Arguments of ${tool.name}`} onSubmit={submit}>
      {tool.description && <p className="tp-note">{tool.description}</p>}
      {fields.length === 0 && <p className="tp-muted">This tool takes no arguments.</p>}
      {fields.map((field) => (
        <FieldInput key={field.name} field={field} value={values[field.name] ?? ''} onChange={set} />
      ))}
      {problem && (
        <p className="tp-error" role="alert">
          {problem}
        </p>
      )}
      <div className="tp-actions">
        <button type="submit" className="tp-primary" disabled={disabled}>
          Call {tool.name}
        </button>
      </div>
    </form>
  );
}

function FieldInput({
  field,
  value,
  onChange,
}: {
  readonly field: Field;
  readonly value: string;
  readonly onChange: (name: string, value: string) => void;
}) {
  const id = useId();
  const label = `${field.name}${field.required ? ' (required)' : ''}`;
  const title = field.description;
  if (field.kind === 'boolean') {
    return (
      <label className="tp-check" title={title}>
        <input
          type="checkbox"
          checked={value === 'true'}
          onChange={(e) => onChange(field.name, e.target.checked ? 'true' : 'false')}
        />{' '}
        {label}
      </label>
    );
  }
  if (field.kind === 'choice') {
    return (
      <div className="tp-field" title={title}>
        <label htmlFor={id} className="tp-label">
          {label}
        </label>
        <select id={id} value={value} onChange={(e) => onChange(field.name, e.target.value)}>
          {!field.required && <option value="">(none)</option>}
          {field.choices!.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <label className="tp-field" title={title}>
      <span>{label}</span>
      <input
        className={field.kind === 'json' ? 'tp-mono' : undefined}
        placeholder={field.kind === 'json' ? 'JSON' : field.kind}
        inputMode={field.kind === 'number' || field.kind === 'integer' ? 'decimal' : undefined}
        value={value}
        onChange={(e) => onChange(field.name, e.target.value)}
        spellCheck={false}
      />
    </label>
  );
}
