/**
 * Copies text to the clipboard. Where the Clipboard API is missing or refused (an insecure
 * origin, a frame without permission), the field is selected for Ctrl+C and false comes back.
 */
export async function copyText(
  text: string,
  field?: HTMLInputElement | HTMLTextAreaElement | null,
): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.focus();
    field?.select();
    return false;
  }
}
