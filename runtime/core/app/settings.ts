/** App settings as the host sees them: the process environment plus local.settings.json Values. */
export type Settings = Readonly<Record<string, string | undefined>>;

export type ResolveResult = { ok: true; value: string } | { ok: false; missing: string };

/**
 * Resolves `%Name%` tokens against app settings, as the host's name resolver does for binding
 * properties (whole tokens only; `{...}` binding expressions are left alone).
 */
export function resolveSettingTokens(text: string, settings: Settings): ResolveResult {
  let missing: string | undefined;
  const value = text.replace(/%([^%]+)%/g, (token, name: string) => {
    const v = lookupSetting(settings, name);
    if (v === undefined) {
      missing ??= name;
      return token;
    }
    return v;
  });
  return missing === undefined ? { ok: true, value } : { ok: false, missing };
}

/** Exact name first, then case-insensitively, since app settings are case-insensitive on Azure. */
export function lookupSetting(settings: Settings, name: string): string | undefined {
  const exact = settings[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(settings)) if (k.toLowerCase() === lower && v !== undefined) return v;
  return undefined;
}
