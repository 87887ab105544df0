import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { ExchangesStore } from '../stores/exchangesStore';

export interface LogToolsProps {
  readonly exchanges: ExchangesStore;
  /** The running front door, for the URLs of the caller's requests. */
  readonly frontDoorUrl: string | undefined;
}

/** `exchanges-2026-12-06T03-00-00.har`: sorts by time, no characters a file system refuses. */
function fileName(now: Date): string {
  return `exchanges-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.har`;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Export the log as HAR 1.2 and import a HAR file back for viewing. The converters load on first
 * use, so they cost the first load nothing.
 */
export function LogTools({ exchanges, frontDoorUrl }: LogToolsProps) {
  const picker = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ readonly error: boolean; readonly text: string }>();

  const exportHar = async () => {
    const { order, byId } = exchanges.getState();
    const { exchangesToHar } = await import('./har/harExport');
    const har = exchangesToHar(
      order.map((id) => byId[id]!),
      frontDoorUrl === undefined ? {} : { frontDoorUrl },
    );
    download(fileName(new Date()), JSON.stringify(har, null, 2));
    setMessage({ error: false, text: `Exported ${order.length} exchange${order.length === 1 ? '' : 's'}.` });
  };

  const importHar = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const { harToExchanges } = await import('./har/harImport');
      const prefix = `imported-${Date.now().toString(36)}-`;
      const imported: Exchange[] = harToExchanges(await file.text(), prefix);
      const store = exchanges.getState();
      for (const x of imported) store.upsert(x);
      const last = imported.at(-1);
      if (last) store.select(last.id);
      setMessage({
        error: false,
        text: `Imported ${imported.length} exchange${imported.length === 1 ? '' : 's'} from ${file.name}.`,
      });
    } catch (err) {
      setMessage({ error: true, text: `${file.name}: ${(err as Error).message}` });
    }
  };

  return (
    <>
      <button type="button" onClick={() => void exportHar()} title="Save the exchange log as a HAR 1.2 file">
        Export HAR
      </button>
      <button
        type="button"
        onClick={() => picker.current?.click()}
        title="Open a HAR file to view its exchanges"
      >
        Import HAR
      </button>
      <input
        ref={picker}
        type="file"
        accept=".har,application/json"
        aria-label="HAR file to import"
        hidden
        onChange={(e) => void importHar(e)}
      />
      {message && (
        <span
          className={message.error ? 'xp-error-inline' : 'xp-muted'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </span>
      )}
    </>
  );
}
