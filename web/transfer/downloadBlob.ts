// Kept apart from exportZip.ts, which Node also type-checks and runs (tests/integration): this
// part needs the DOM.

/** Saves bytes as a download: an object URL on a temporary `<a download>`. */
export function downloadBlob(bytes: Uint8Array, filename: string, type = 'application/zip'): void {
  // slice() gives a copy on a plain ArrayBuffer, which is what a BlobPart must be.
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start reading the URL after click() returns; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
