import { describe, expect, it, vi } from 'vitest';
import { encodeFrame } from '../../runtime/core/control/framing';
import { bootedEngine, fake, hostAttaches, tick, useFakeWebContainer } from './webcontainerTestKit';
import { MAX_HELD_INPUT_CHARS, MAX_OUTPUT_BACKLOG_CHARS, STOP_GRACE_MS } from './webcontainerProcess';

// Hoisted above the imports, but called only when a test loads the engine (load()), by when `fake`
// is imported.
vi.mock('@webcontainer/api', () => ({
  WebContainer: fake.WebContainer,
  configureAPIKey: fake.configureAPIKey,
}));
vi.mock('./hostBundle', () => ({ loadHostBundle: vi.fn(async () => '// host bundle') }));

useFakeWebContainer();

describe('startHost', () => {
  it('spawns the host on app/ with the control protocol in a 120×30 terminal', async () => {
    const { engine, container } = await bootedEngine();
    await engine.startHost();
    expect(container.spawnCalls).toEqual([
      ['node', ['host.mjs', 'app', '--control', '--port', '0'], { terminal: { cols: 120, rows: 30 } }],
    ]);
  });

  it('buffers output until the first listener, then streams it', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    spawned.push('early ');
    spawned.push('output ');
    await tick();

    const seen: string[] = [];
    const stop = process.onOutput((chunk) => seen.push(chunk));
    expect(seen).toEqual(['early ', 'output ']);
    spawned.push('late');
    await vi.waitFor(() => expect(seen).toEqual(['early ', 'output ', 'late']));
    stop();
  });

  it('keeps only the newest output for a late listener, and says how much it dropped', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 6; i++) spawned.push(chunk);
    spawned.push('newest');
    await tick();
    const seen: string[] = [];
    process.onOutput((c) => seen.push(c));
    const kept = seen.slice(1).join('');
    expect(kept.length).toBeLessThanOrEqual(MAX_OUTPUT_BACKLOG_CHARS);
    expect(kept.endsWith('newest')).toBe(true);
    expect(seen[0]).toContain(
      `${6 * chunk.length + 6 - kept.length} characters of earlier output were dropped`,
    );
  });

  it("holds commands until the host's first frame, so the PTY's line mode neither echoes nor cuts them", async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    const seen: string[] = [];
    process.onOutput((c) => seen.push(c));
    // A command longer than a terminal line (4095 characters), written while the host starts.
    const command = encodeFrame({ type: 'queue.enqueue', id: 'c1', queue: 'orders', text: 'm'.repeat(5000) });
    process.write(command);
    process.write(encodeFrame({ type: 'state.get', id: 'c2' }));
    await tick();
    expect(spawned.stdin).toEqual([]);

    hostAttaches(spawned);
    await vi.waitFor(() =>
      expect(spawned.stdin.join('')).toBe(command + encodeFrame({ type: 'state.get', id: 'c2' })),
    );
    expect(seen.join('')).not.toContain('^['); // nothing echoed back
  });

  it('writes straight through once the host has spoken, and tells a late listener nothing was lost', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    hostAttaches(spawned);
    await tick();
    process.write('{"id":1}');
    await vi.waitFor(() => expect(spawned.stdin).toEqual(['{"id":1}']));
  });

  it('holds a bounded amount for a host that never speaks: the newest, saying how much went', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    const seen: string[] = [];
    process.onOutput((c) => seen.push(c));
    // Five writes of a quarter of the bound each: the oldest one has to go.
    const write = (n: number) => `${n}${'b'.repeat(MAX_HELD_INPUT_CHARS / 4 - 1)}`;
    for (let n = 1; n <= 5; n++) process.write(write(n));
    hostAttaches(spawned);
    await vi.waitFor(() => expect(spawned.stdin.map((w) => w[0])).toEqual(['2', '3', '4', '5']));
    expect(spawned.stdin.join('')).toBe([2, 3, 4, 5].map(write).join(''));
    expect(seen.join('')).toContain(
      `${MAX_HELD_INPUT_CHARS / 4} characters of commands sent before the host was ready were dropped`,
    );
  });

  it('stops the host by closing its input first, and kills it only if it has not exited in time', async () => {
    vi.useFakeTimers();
    const { engine, container } = await bootedEngine();
    const polite = await engine.startHost();
    container.processes[0]!.exitsOnEndOfInput = true;
    polite.kill();
    expect(await polite.exit).toBe(0);
    expect(container.processes[0]!.inputClosed).toBe(true);
    expect(container.processes[0]!.killed).toBe(false);

    const stubborn = await engine.startHost();
    const spawned = container.processes[1]!;
    stubborn.kill();
    await vi.advanceTimersByTimeAsync(STOP_GRACE_MS - 1);
    expect(spawned.inputClosed).toBe(true);
    expect(spawned.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(spawned.killed).toBe(true);
    expect(await stubborn.exit).toBe(137);
  });

  it('dispose() kills running processes and tears the container down', async () => {
    const { engine, container } = await bootedEngine();
    await engine.startHost();
    await engine.dispose();
    expect(container.processes[0]!.killed).toBe(true);
    expect(container.tornDown).toBe(true);
  });
});
