import { describe, expect, test } from 'vitest';
import { FakeQueueStorage } from '../../testing/fakeQueueStorage';
import { connectionStringFor, StorageConnections } from './connections';

describe('connectionStringFor: a binding connection name to its setting, as the WebJobs SDK looks it up', () => {
  test('no name means AzureWebJobsStorage', () => {
    expect(connectionStringFor(undefined, { AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toEqual({
      ok: true,
      value: 'UseDevelopmentStorage=true',
      setting: 'AzureWebJobsStorage',
    });
  });

  test('a name is tried with the AzureWebJobs prefix first, then as written, case-insensitively', () => {
    const settings = { MyConn: 'b=2', azurewebjobsmyconn: 'a=1' };
    expect(connectionStringFor('MyConn', settings)).toMatchObject({
      value: 'a=1',
      setting: 'AzureWebJobsMyConn',
    });
    expect(connectionStringFor('MyConn', { MyConn: 'b=2' })).toMatchObject({
      value: 'b=2',
      setting: 'MyConn',
    });
  });

  test('a name that already carries the prefix is looked up as written', () => {
    expect(connectionStringFor('AzureWebJobsStorage', { AzureWebJobsStorage: 'x=1' })).toMatchObject({
      setting: 'AzureWebJobsStorage',
    });
  });

  test('a missing or empty setting is an error naming it', () => {
    expect(connectionStringFor('Orders', { AzureWebJobsOrders: '  ' })).toEqual({
      ok: false,
      error:
        "Storage account connection string 'AzureWebJobsOrders' does not exist. Make sure that it is a defined App Setting (local.settings.json Values or the environment).",
    });
  });
});

describe('StorageConnections', () => {
  test('opens each distinct connection string once; a fixed source ignores binding names', () => {
    const opened: string[] = [];
    const open = (cs: string) => {
      opened.push(cs);
      return new FakeQueueStorage();
    };
    const fixed = new StorageConnections(
      { kind: 'fixed', connectionString: 'x=1', label: '--storage' },
      open,
    );
    const a = fixed.resolve(undefined, {});
    const b = fixed.resolve('Other', {});
    expect(a.ok && b.ok && a.storage === b.storage).toBe(true);
    expect(opened).toEqual(['x=1']);
  });

  test('a connection string the SDK rejects is reported with where it came from', () => {
    const connections = new StorageConnections({ kind: 'settings' }, () => {
      throw new Error('Invalid connection string');
    });
    expect(connections.resolve(undefined, { AzureWebJobsStorage: 'nonsense=1' })).toEqual({
      ok: false,
      error:
        'The storage connection string from the setting AzureWebJobsStorage is not valid: Invalid connection string',
    });
  });
});
