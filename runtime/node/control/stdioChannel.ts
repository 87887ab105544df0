import { attachControlChannel } from '../../host/control/controlChannel';
import type { FunctionHost } from '../../host/functionHost';

/** How long a host whose controller went away may take to stop its handler before it just exits. */
const STOP_LIMIT_MS = 5000;

/**
 * The control channel over the host's own stdio. Raw mode stops a terminal's line discipline
 * from echoing or cutting the frames. The host ends with its controller: on `host.stop`, and
 * when its input closes (the playground that started it is gone).
 */
export function attachStdioChannel(host: FunctionHost, write: (text: string) => void): () => void {
  const stdin = process.stdin;
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const exit = () => setTimeout(() => process.exit(0), 10);
  const detach = attachControlChannel(host, {
    write,
    onInput: (listener) => stdin.on('data', listener),
    onStopped: exit,
  });
  stdin.once('end', () => {
    // Whatever holds the stop up, a host without its controller must not linger.
    setTimeout(() => process.exit(0), STOP_LIMIT_MS).unref();
    void host.stop().then(exit, exit);
  });
  stdin.resume();
  return () => {
    detach();
    stdin.pause();
  };
}
