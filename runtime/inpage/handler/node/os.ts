// A minimal `os`: what handlers read to log or to pick a line ending. The page has no host
// machine to describe, so the values are those of a small Linux box.
export function createOsModule(env: Readonly<Record<string, string | undefined>>) {
  const cpu = { model: 'In-page engine', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };
  return {
    EOL: '\n',
    devNull: '/dev/null',
    platform: () => 'linux',
    type: () => 'Linux',
    release: () => '6.0.0',
    version: () => '#1 SMP',
    machine: () => 'x86_64',
    arch: () => 'x64',
    endianness: () => 'LE',
    hostname: () => 'localhost',
    homedir: () => env.HOME ?? '/home/node',
    tmpdir: () => env.TMPDIR ?? '/tmp',
    cpus: () => [cpu],
    availableParallelism: () => 1,
    totalmem: () => 2 * 1024 ** 3,
    freemem: () => 1024 ** 3,
    uptime: () => Math.round(performance.now() / 1000),
    loadavg: () => [0, 0, 0],
    networkInterfaces: () => ({}),
    userInfo: () => ({
      uid: 1000,
      gid: 1000,
      username: 'node',
      homedir: env.HOME ?? '/home/node',
      shell: '/bin/sh',
    }),
    constants: { signals: {}, errno: {} },
  };
}
