import { getProp } from '../json/jsonNode';
import { ConfigReader } from './configReader';
import type { Diagnostic } from './diagnostics';

export const LOCAL_SETTINGS_JSON = 'local.settings.json';

export interface LocalSettings {
  readonly values: Readonly<Record<string, string>>;
  /** `Host.LocalHttpPort`, which Core Tools uses for the front door. */
  readonly localHttpPort?: number;
}

export function readLocalSettings(text: string | undefined): {
  settings: LocalSettings;
  diagnostics: Diagnostic[];
} {
  const empty = { values: {} };
  if (text === undefined) return { settings: empty, diagnostics: [] };
  const r = new ConfigReader(LOCAL_SETTINGS_JSON);
  const root = r.parseObject(text, 'local.settings.json');
  if (!root) return { settings: empty, diagnostics: r.diagnostics };
  if (r.bool(root, 'IsEncrypted', 'IsEncrypted', false)) {
    r.warn(
      'Encrypted settings are not supported here; set "IsEncrypted": false and plain values.',
      'IsEncrypted',
    );
  }
  const values: Record<string, string> = {};
  const valuesNode = r.object(root, 'Values', 'Values');
  for (const [key, node] of valuesNode?.entries ?? []) {
    if (node.kind === 'null') continue;
    const text = r.scalarText(node, `Values.${key}`);
    if (text !== undefined) values[key] = text;
  }
  const hostNode = r.object(root, 'Host', 'Host');
  const port = hostNode ? r.integer(hostNode, 'LocalHttpPort', 'Host.LocalHttpPort') : undefined;
  if (port !== undefined && (port <= 0 || port > 65535)) {
    r.error(
      `${port} is not a TCP port (1-65535)`,
      'Host.LocalHttpPort',
      hostNode && getProp(hostNode, 'LocalHttpPort'),
    );
  }
  return {
    settings: { values, ...(port !== undefined && port > 0 && port <= 65535 && { localHttpPort: port }) },
    diagnostics: r.diagnostics,
  };
}
