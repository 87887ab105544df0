import { expect, test } from 'vitest';
import { HELLO, setup } from './testPlayground';

// The page relies on this wiring: an opened example is named in the address and is trusted.
test('opening an example puts it in the address and lets it run without asking', async () => {
  const { base, stores, ui, gate, addresses } = setup({ kind: 'local' });
  gate.hold();
  await base.openExample('hello');
  expect(stores.files.getState().files).toEqual(HELLO);
  expect(addresses).toEqual([{ example: 'hello', clearHash: true }]);
  expect(ui.getState().origin).toEqual({ kind: 'example', name: 'hello', example: 'hello' });
  expect(gate.held).toBe(false);
});

test('the runtime store starts with the kind of the engine it was given', () => {
  expect(setup({ kind: 'webcontainer' }).stores.runtime.getState().engineKind).toBe('webcontainer');
});
