import { useMemo, useState } from 'react';
import type { Hop, ParsedMessage, WireMessage } from '../../runtime/core/exchange/exchange';
import { describeHop, formatBytes, formatOffset, isJsonContentType, keptBytes } from './format';
import { HopChunks } from './HopChunks';
import { parseJsonTree } from './jsonTree';
import { JsonView } from './JsonView';
import './HopView.css';

export type HopMode = 'parsed' | 'raw';

/** One message of an exchange: who sent it to whom, when, and what it was, raw or parsed. */
export function HopView({ hop, index }: { readonly hop: Hop; readonly index: number }) {
  const [open, setOpen] = useState(true);
  const [mode, setMode] = useState<HopMode>('parsed');
  const { message } = hop;
  const summary = message
    ? message.parsed.startLine
    : hop.partial !== undefined
      ? 'streaming…'
      : (hop.note ?? '').split('\n')[0];
  const bodyId = `hop-${index}-${hop.from}-${hop.to}`;
  return (
    <li className="xp-hop" data-testid="hop" data-from={hop.from} data-to={hop.to}>
      <div className="xp-hop-head">
        <button
          type="button"
          className="xp-hop-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
          title={describeHop(hop.from, hop.to)}
        >
          <span className="xp-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span className="xp-route">
            <span className={`xp-party xp-party-${hop.from}`}>{hop.from}</span>
            <span aria-hidden="true"> → </span>
            <span className="xp-sr-only"> to </span>
            <span className={`xp-party xp-party-${hop.to}`}>{hop.to}</span>
          </span>
          <span className="xp-at">{formatOffset(hop.atMs)}</span>
          <span className="xp-summary">{summary}</span>
        </button>
        {message && (
          <span className="xp-modes" role="group" aria-label="Show the message">
            <button
              type="button"
              aria-pressed={mode === 'parsed'}
              data-testid="hop-mode-parsed"
              onClick={() => {
                setMode('parsed');
                setOpen(true);
              }}
            >
              Parsed
            </button>
            <button
              type="button"
              aria-pressed={mode === 'raw'}
              data-testid="hop-mode-raw"
              onClick={() => {
                setMode('raw');
                setOpen(true);
              }}
            >
              Raw
            </button>
          </span>
        )}
      </div>
      {open && (
        <div className="xp-hop-body" id={bodyId}>
          <p className="xp-hop-words">{describeHop(hop.from, hop.to)}</p>
          {message ? (
            mode === 'raw' ? (
              <RawMessage message={message} />
            ) : (
              <ParsedView message={message} />
            )
          ) : hop.partial === undefined ? (
            <pre className="xp-code xp-note" data-testid="hop-note">
              {hop.note ?? ''}
            </pre>
          ) : null}
          <HopChunks hop={hop} />
        </div>
      )}
    </li>
  );
}

/** Text with each CRLF shown as a line break and a faint `\r\n` mark, so the line endings are visible. */
function WithLineEnds({ text }: { text: string }) {
  const lines = text.split('\r\n');
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {line}
          {i < lines.length - 1 && (
            <>
              <span className="xp-crlf" aria-hidden="true">
                {'\\r\\n'}
              </span>
              {'\n'}
            </>
          )}
        </span>
      ))}
    </>
  );
}

/** The exact bytes: the head as sent, then the body (chunk framing included). */
function RawMessage({ message }: { message: WireMessage }) {
  const { body } = message;
  return (
    <div data-testid="hop-raw">
      <pre className="xp-code xp-raw">
        <WithLineEnds text={message.head} />
        {body.encoding === 'utf8' && <WithLineEnds text={body.data} />}
      </pre>
      {body.encoding === 'base64' && (
        <>
          <p className="xp-note-line" data-testid="hop-base64">
            The body is not UTF-8 text, so it is shown as base64 ({formatBytes(keptBytes(body))}).
          </p>
          <pre className="xp-code xp-raw xp-wrap">{body.data}</pre>
        </>
      )}
      {body.truncated && <Truncated kept={keptBytes(body)} size={body.size} />}
    </div>
  );
}

function Truncated({ kept, size }: { kept: number; size: number }) {
  return (
    <p className="xp-truncated" data-testid="hop-truncated">
      Body cut: the log kept the first {formatBytes(kept)} of {formatBytes(size)} ({size} bytes on the wire).
    </p>
  );
}

/** The start line, the headers in order, and the body: JSON pretty-printed, else text. */
function ParsedView({ message }: { message: WireMessage }) {
  const { parsed } = message;
  return (
    <div data-testid="hop-parsed">
      <p className="xp-startline">
        <code>{parsed.startLine}</code>
      </p>
      {parsed.headers.length > 0 && (
        <table className="xp-headers" data-testid="hop-headers">
          <caption className="xp-sr-only">Headers, in the order they were sent</caption>
          <tbody>
            {parsed.headers.map(([name, value], i) => (
              <tr key={i}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <BodyView parsed={parsed} />
      {message.body.truncated && <Truncated kept={keptBytes(message.body)} size={message.body.size} />}
    </div>
  );
}

function BodyView({ parsed }: { parsed: ParsedMessage }) {
  const text = parsed.bodyText;
  const json = useMemo(() => {
    if (text === undefined) return undefined;
    const node = parseJsonTree(text);
    if (node === undefined) return undefined;
    // A bare `42` or `"hi"` in a text/plain body is text; objects and arrays read as JSON anyway.
    return isJsonContentType(parsed.headers) || node.kind === 'object' || node.kind === 'array'
      ? node
      : undefined;
  }, [text, parsed.headers]);
  if (parsed.bodyBase64 !== undefined) {
    return (
      <>
        <p className="xp-note-line" data-testid="hop-base64">
          A binary body (not UTF-8), shown as base64.
        </p>
        <pre className="xp-code xp-wrap" data-testid="hop-body">
          {parsed.bodyBase64}
        </pre>
      </>
    );
  }
  if (text === undefined || text === '') return <p className="xp-muted">No body.</p>;
  if (json) return <JsonView node={json} />;
  return (
    <pre className="xp-code xp-wrap" data-testid="hop-body">
      {text}
    </pre>
  );
}
