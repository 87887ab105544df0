import type { Socket } from 'node:net';
import type { ByteStream, StreamError } from '../../host/platform';

/** A TCP socket as the host's ByteStream. */
export function socketStream(socket: Socket): ByteStream {
  socket.setNoDelay(true);
  const closeListeners: ((e?: StreamError) => void)[] = [];
  let error: StreamError | undefined;
  socket.on('error', (e) => (error = e));
  socket.on('close', () => {
    for (const l of closeListeners) l(error);
  });
  return {
    write: (chunk) => {
      if (socket.destroyed || !socket.writable) return false;
      socket.write(chunk);
      return true;
    },
    end: () => socket.end(),
    destroy: (e) => socket.destroy(e),
    onData: (listener) => socket.on('data', listener),
    onEnd: (listener) => socket.on('end', listener),
    onClose: (listener) => closeListeners.push(listener),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    get remoteAddress() {
      return socket.remoteAddress ?? '';
    },
    get remotePort() {
      return socket.remotePort ?? 0;
    },
    get localPort() {
      return socket.localPort ?? 0;
    },
  };
}
