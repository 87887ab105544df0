import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { HostEvent } from '../../runtime/core/control/protocol';
import { freePort } from '../support/freePort';
import { handlerDescription, HTTP_IN, HTTP_OUT, LANGUAGES, TestApp } from '../support/testApp';

// configurationProfile and the worker runtime resolver of the newest host
// (HostConfigurationProfile, ScriptHostWorkerRuntimeResolver, HttpWorkerFunctionProvider).

function lastStatus(app: TestApp): Extract<HostEvent, { type: 'host.status' }> | undefined {
  return app.events.filter((e) => e.type === 'host.status').pop() as
    Extract<HostEvent, { type: 'host.status' }> | undefined;
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe.each(LANGUAGES)('an MCP-style app with a %s handler', (language) => {
  test('mcp-custom-handler makes the runtime custom whatever FUNCTIONS_WORKER_RUNTIME says, and proxies every path', async () => {
    const port = await freePort();
    app = await TestApp.start({
      language,
      hostJson: {
        version: '2.0',
        configurationProfile: 'mcp-custom-handler',
        customHandler: { description: handlerDescription(language), port },
      },
      // The official MCP samples ship with "node" here.
      localSettings: { IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'node' } },
      functions: {},
      responses: {
        '/mcp': { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"jsonrpc":"2.0"}' },
      },
    });
    expect(app.logs()).toEqual(
      expect.arrayContaining([
        'Created function http-handler1 for route {*route} (authLevel=Function).',
        `Using port ${port} specified via configuration for custom handler.`,
      ]),
    );
    expect(app.startup().env.FUNCTIONS_CUSTOMHANDLER_PORT).toBe(String(port));

    const res = await app.request('POST', '/mcp', {
      headers: { 'Content-Type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('{"jsonrpc":"2.0"}');
    const got = app.lastRequest();
    // No /api prefix, proxied as it came, with the forwarding headers.
    expect(got.rawHead.split('\r\n')[0]).toBe('POST /mcp HTTP/1.1');
    expect(got.body).toBe('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
    const names = got.headers.map(([k]) => k.toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['x-forwarded-host', 'x-forwarded-proto']));
  });
});

describe('profiles and routes that stop the host', () => {
  test("an unknown profile stops the host with the host's message; the handler never starts", async () => {
    app = await TestApp.start({
      hostJson: {
        version: '2.0',
        configurationProfile: 'mcp',
        customHandler: { description: handlerDescription('node') },
      },
      functions: {},
      waitForRunning: false,
    });
    await app.waitForState('Error');
    const message =
      "Configuration profile 'mcp' is not supported. Supported values: '', 'default', 'mcp-custom-handler', 'web-app-custom-handler'.";
    // The file, line and column of the value, then the host's words.
    expect(lastStatus(app)?.errors).toEqual([`host.json:3:27: configurationProfile: ${message}`]);
    expect(app.logs()).toContain(`host.json:3:27: configurationProfile: ${message}`);
    expect(existsSync(join(app.root, 'startup.json'))).toBe(false);
  });

  test('"default" is a valid profile: function.json apps run as before', async () => {
    app = await TestApp.start({
      customHandler: {},
      hostJson: {
        version: '2.0',
        configurationProfile: 'default',
        customHandler: { description: handlerDescription('node') },
      },
      functions: { Hello: { bindings: [{ ...HTTP_IN, authLevel: 'anonymous' }, HTTP_OUT] } },
    });
    const res = await app.request('GET', '/api/Hello');
    expect(res.status).toBe(204);
    expect(lastStatus(app)?.errors).toEqual([]);
  });

  test('http.routes with FUNCTIONS_WORKER_RUNTIME "python" stop the host, with a plain hint for the playground', async () => {
    app = await TestApp.start({
      hostJson: {
        version: '2.0',
        customHandler: { description: handlerDescription('python'), http: { routes: [{ route: 'a' }] } },
      },
      localSettings: { Values: { FUNCTIONS_WORKER_RUNTIME: 'python' } },
      functions: {},
      waitForRunning: false,
    });
    await app.waitForState('Error');
    expect(lastStatus(app)?.errors).toEqual([
      'host.json: customHandler.http.routes: Routes configuration is only allowed for worker runtime: custom',
    ]);
    const fnEvent = app.events.filter((e) => e.type === 'functions').pop();
    expect(fnEvent?.type === 'functions' && fnEvent.diagnostics[0]?.hint).toContain(
      'Set it to "custom" in local.settings.json Values',
    );
    expect(existsSync(join(app.root, 'startup.json'))).toBe(false);
  });

  test('a fixed port that is taken stops the host with the host message', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      app = await TestApp.start({
        customHandler: { port },
        functions: { Hello: { bindings: [HTTP_IN, HTTP_OUT] } },
        waitForRunning: false,
      });
      await app.waitForState('Error');
      expect(lastStatus(app)?.errors).toEqual([
        `Unable to bind to port ${port} specified in configuration. Please specify a different port or remove the section to allow dynamic binding of port.`,
      ]);
    } finally {
      blocker.close();
    }
  });
});
