import { describe, expect, test } from 'vitest';
import { exportAppZip } from './exportZip';
import { importDrop, importPickedFiles, importZipFile } from './pickers';

const APP: Record<string, string> = {
  'host.json': '{"version":"2.0"}',
  'local.settings.json': '{"Values":{"FUNCTIONS_WORKER_RUNTIME":"custom"}}',
  'hello/function.json': '{"bindings":[]}',
  'handler.js': '// hi\n',
};

/** A File as `<input webkitdirectory>` gives it: with its path under the picked folder. */
function pickedFile(path: string, text: string): File {
  const file = new File([text], path.split('/').pop()!);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

type Tree = { [name: string]: string | Tree };

/** A FileSystemEntry tree, as a drop hands it over; `opened` records which folders were read. */
function entry(name: string, node: string | Tree, parent: string, opened: string[]): FileSystemEntry {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string') {
    const file = new File([node], name);
    return {
      name,
      fullPath,
      isFile: true,
      isDirectory: false,
      file: (ok: (f: File) => void) => ok(file),
    } as never;
  }
  const children = Object.entries(node).map(([n, c]) => entry(n, c, fullPath, opened));
  return {
    name,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      opened.push(fullPath);
      // Two batches, then none, as Chrome hands them over.
      const batches = [children.slice(0, 2), children.slice(2), []];
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(batches.shift() ?? []) };
    },
  } as never;
}

function drop(entries: FileSystemEntry[], files: File[] = []): DataTransfer {
  return {
    items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })),
    files,
  } as unknown as DataTransfer;
}

describe('pickers', () => {
  test('a picked zip file', async () => {
    const file = new File([exportAppZip(APP, { name: 'hello' }).slice()], 'hello.zip');
    expect(await importZipFile(file)).toMatchObject({ ok: true, name: 'hello', files: APP });
    expect(await importPickedFiles([file])).toMatchObject({ ok: true, name: 'hello' });
    expect(await importZipFile(new File(['x'], 'app.tar'))).toEqual({
      ok: false,
      error: "'app.tar' is not a .zip file.",
    });
  });

  test('a folder picked with webkitdirectory', async () => {
    const files = Object.entries(APP).map(([p, t]) => pickedFile(`hello/${p}`, t));
    expect(await importPickedFiles(files)).toEqual({
      ok: true,
      name: 'hello',
      files: APP,
      skipped: [],
      warnings: [],
    });
  });

  test('a dropped folder is walked in batches, without opening node_modules', async () => {
    const opened: string[] = [];
    const tree: Tree = {
      'host.json': APP['host.json']!,
      'local.settings.json': APP['local.settings.json']!,
      hello: { 'function.json': APP['hello/function.json']! },
      'handler.js': APP['handler.js']!,
      node_modules: { x: { 'index.js': '' } },
    };
    const result = await importDrop(drop([entry('hello', tree, '', opened)]));
    expect(result).toEqual({
      ok: true,
      name: 'hello',
      files: APP,
      skipped: ['node_modules/'],
      warnings: ['Left out node_modules/: it belongs to tools, not to the app.'],
    });
    expect(opened.sort()).toEqual(['/hello', '/hello/hello']);
  });

  test('a dropped zip, and a drop of loose files', async () => {
    const zip = new File([exportAppZip(APP, { name: 'hello' }).slice()], 'hello.zip');
    const zipEntry = entry('hello.zip', '', '', []);
    expect(await importDrop(drop([zipEntry], [zip]))).toMatchObject({ ok: true, files: APP });
    const loose = entry('host.json', '{}', '', []);
    expect(await importDrop(drop([loose], [new File(['{}'], 'host.json')]))).toEqual({
      ok: false,
      error: 'Drop a .zip file or a folder that holds host.json.',
    });
  });
});
