import { afterEach, expect, test, vi } from 'vitest';
import { downloadBlob } from './downloadBlob';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

test('downloadBlob clicks a temporary <a download> and revokes its URL afterwards', async () => {
  vi.useFakeTimers();
  const link = { href: '', download: '', style: { display: '' }, click: vi.fn(), remove: vi.fn() };
  const append = vi.fn();
  vi.stubGlobal('document', { createElement: () => link, body: { append } });
  const created: Blob[] = [];
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    created.push(blob as Blob);
    return 'blob:zip';
  });

  downloadBlob(new Uint8Array([1, 2, 3]), 'order.zip');

  expect(link).toMatchObject({ href: 'blob:zip', download: 'order.zip', style: { display: 'none' } });
  expect(append).toHaveBeenCalledWith(link);
  expect(link.click).toHaveBeenCalledOnce();
  expect(link.remove).toHaveBeenCalledOnce();
  expect(created[0]?.type).toBe('application/zip');
  expect(new Uint8Array(await created[0]!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  expect(revoke).not.toHaveBeenCalled();
  vi.runAllTimers();
  expect(revoke).toHaveBeenCalledWith('blob:zip');
});
