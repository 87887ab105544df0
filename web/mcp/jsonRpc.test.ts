import { describe, expect, test } from 'vitest';
import { checkInitializeResult, checkRpcMessage, checkToolsList, parseRpcText } from './jsonRpc';

describe('JSON-RPC messages, checked on arrival', () => {
  test('the four shapes', () => {
    expect(checkRpcMessage({ jsonrpc: '2.0', id: 1, result: {} })).toEqual({
      ok: true,
      value: { kind: 'result', id: 1, result: {} },
    });
    expect(checkRpcMessage({ jsonrpc: '2.0', id: 'a', error: { code: -32601, message: 'no' } })).toEqual({
      ok: true,
      value: { kind: 'error', id: 'a', error: { code: -32601, message: 'no' } },
    });
    expect(checkRpcMessage({ jsonrpc: '2.0', method: 'notifications/message', params: { a: 1 } })).toEqual({
      ok: true,
      value: { kind: 'notification', method: 'notifications/message', params: { a: 1 } },
    });
    expect(checkRpcMessage({ jsonrpc: '2.0', id: 3, method: 'ping' })).toEqual({
      ok: true,
      value: { kind: 'request', id: 3, method: 'ping' },
    });
  });

  test('what is wrong, in words', () => {
    expect(checkRpcMessage([])).toEqual({ ok: false, error: 'a JSON-RPC message must be a JSON object' });
    expect(checkRpcMessage({ jsonrpc: '1.0', id: 1, result: {} })).toEqual({
      ok: false,
      error: '"jsonrpc" must be "2.0"',
    });
    expect(checkRpcMessage({ jsonrpc: '2.0', id: 1, result: 42 })).toEqual({
      ok: false,
      error: '"result" must be an object',
    });
    expect(checkRpcMessage({ jsonrpc: '2.0', id: 1, error: { message: 'x' } })).toMatchObject({ ok: false });
    expect(parseRpcText('{')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON: /) });
    expect(parseRpcText('[{"jsonrpc":"2.0","id":1,"result":{}},{"id":2}]')).toEqual({
      ok: false,
      error: 'message 2: "jsonrpc" must be "2.0"',
    });
  });

  test('initialize and tools/list results', () => {
    expect(
      checkInitializeResult({ protocolVersion: '2025-03-26', serverInfo: { name: 's', version: '2' } }),
    ).toEqual({ ok: true, value: { protocolVersion: '2025-03-26', name: 's', version: '2' } });
    expect(checkInitializeResult({ serverInfo: { name: 's' } })).toEqual({
      ok: false,
      error: 'the initialize result has no "protocolVersion" string',
    });
    expect(checkToolsList({ tools: [{ name: 't', inputSchema: { type: 'object' } }] })).toEqual({
      ok: true,
      value: [{ name: 't', inputSchema: { type: 'object' } }],
    });
    expect(checkToolsList({ tools: [{ name: 't' }] })).toEqual({
      ok: false,
      error: 'tool \'t\' has no "inputSchema" object',
    });
  });
});
