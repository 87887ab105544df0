import { useMemo, useState } from 'react';
import { decodeNested } from './jsonTree';
import type { JsonTreeNode, JsonTreeString } from './jsonTree';
import './JsonView.css';

const INDENT = '  ';

/**
 * JSON pretty-printed in the order it was sent. A string that holds JSON itself (the host
 * double-encodes Metadata values and queue data) gets a toggle that decodes it in place.
 * Everything is text nodes: nothing from a body is ever read as HTML.
 */
export function JsonView({ node, label = 'body' }: { readonly node: JsonTreeNode; readonly label?: string }) {
  return (
    <pre className="xp-code xp-json" data-testid="json-view">
      <JsonValue node={node} level={0} path={label} />
    </pre>
  );
}

function JsonValue({ node, level, path }: { node: JsonTreeNode; level: number; path: string }) {
  switch (node.kind) {
    case 'object':
      if (node.entries.length === 0) return <>{'{}'}</>;
      return (
        <>
          {'{'}
          {node.entries.map((entry, i) => (
            <span key={i}>
              {'\n' + INDENT.repeat(level + 1)}
              <span className="xp-j-key">{entry.keyRaw}</span>
              {': '}
              <JsonValue node={entry.value} level={level + 1} path={`${path}.${entry.key}`} />
              {i < node.entries.length - 1 ? ',' : ''}
            </span>
          ))}
          {'\n' + INDENT.repeat(level) + '}'}
        </>
      );
    case 'array':
      if (node.items.length === 0) return <>{'[]'}</>;
      return (
        <>
          {'['}
          {node.items.map((item, i) => (
            <span key={i}>
              {'\n' + INDENT.repeat(level + 1)}
              <JsonValue node={item} level={level + 1} path={`${path}[${i}]`} />
              {i < node.items.length - 1 ? ',' : ''}
            </span>
          ))}
          {'\n' + INDENT.repeat(level) + ']'}
        </>
      );
    case 'string':
      return <JsonStringValue node={node} level={level} path={path} />;
    case 'number':
      return <span className="xp-j-num">{node.raw}</span>;
    case 'literal':
      return <span className="xp-j-lit">{node.raw}</span>;
  }
}

function JsonStringValue({ node, level, path }: { node: JsonTreeString; level: number; path: string }) {
  const nested = useMemo(() => decodeNested(node), [node]);
  const [decoded, setDecoded] = useState(false);
  if (nested === undefined) return <span className="xp-j-str">{node.raw}</span>;
  return (
    <>
      <button
        type="button"
        className="xp-j-decode"
        data-testid="json-decode"
        aria-pressed={decoded}
        aria-label={decoded ? `Show ${path} as sent` : `Decode the JSON inside ${path}`}
        title={
          decoded
            ? 'Decoded in place. Press to show the string as it was sent.'
            : 'This string holds JSON (it was encoded twice). Press to decode it in place.'
        }
        onClick={() => setDecoded(!decoded)}
      >
        {decoded ? 'decoded' : 'JSON'}
      </button>
      {decoded ? (
        <span className="xp-j-decoded" data-testid="json-decoded">
          <JsonValue node={nested} level={level} path={path} />
        </span>
      ) : (
        <span className="xp-j-str">{node.raw}</span>
      )}
    </>
  );
}
