import type { Command, HostEvent } from '../../core/control/protocol';
import { validateCommand } from '../../core/control/protocol';
import { encodeFrame, FrameDecoder } from '../../core/control/framing';
import type { FunctionHost } from '../functionHost';

/** The two directions of the control channel as text: stdio on Node, a message port in the page. */
export interface ControlIo {
  write(text: string): void;
  onInput(listener: (text: string) => void): void;
  /** After `host.stop` has stopped the host and answered: the process or worker ends here. */
  onStopped?(): void;
}

/** The control channel: events out as frames, commands in as frames, validated on arrival. */
export function attachControlChannel(host: FunctionHost, io: ControlIo): () => void {
  const send = (event: HostEvent) => io.write(encodeFrame(event));
  const unsubscribe = host.subscribe(send);
  const decoder = new FrameDecoder();
  let attached = true;
  const onData = (chunk: string) => {
    const { messages, errors } = decoder.push(chunk);
    for (const error of errors) host.log('warning', 'Host.Control', error);
    for (const message of messages) {
      const checked = validateCommand(message);
      if (!checked.ok) {
        const id =
          typeof (message as { id?: unknown })?.id === 'string' ? (message as { id: string }).id : '';
        send({ type: 'command.result', id, ok: false, error: `Invalid command: ${checked.error}` });
        continue;
      }
      void execute(host, checked.value).then(
        (result) => {
          send({
            type: 'command.result',
            id: checked.value.id,
            ok: true,
            ...(result !== undefined && { result }),
          });
          if (checked.value.type === 'host.stop') io.onStopped?.();
        },
        (e: unknown) =>
          send({ type: 'command.result', id: checked.value.id, ok: false, error: (e as Error).message }),
      );
    }
  };
  io.onInput((text) => {
    if (attached) onData(text);
  });
  return () => {
    attached = false;
    unsubscribe();
  };
}

function orFail(ok: boolean, name: string): undefined {
  if (!ok) throw new Error(`No timer function named '${name}'.`);
  return undefined;
}

async function execute(host: FunctionHost, command: Command): Promise<unknown> {
  switch (command.type) {
    case 'http.request':
      return host.performRequest(command.request);
    case 'app.reload':
      await host.reload();
      return undefined;
    case 'handler.restart':
      host.restartHandler();
      return undefined;
    case 'state.get':
      host.replay();
      return undefined;
    case 'exchanges.clear':
      host.exchanges.clear();
      return undefined;
    case 'host.stop':
      await host.stop();
      return undefined;
    case 'queue.enqueue':
      return { messageId: await host.enqueue(command.queue, command.text ?? '') };
    case 'queue.peek':
      return host.queueBackend.snapshot(1000).find((q) => q.name === command.queue) ?? null;
    case 'queue.clear':
      return { removed: await host.clearQueue(command.queue) };
    case 'queue.movePoison':
      return { moved: await host.movePoisonBack(command.queue) };
    case 'timer.fire':
      return orFail(host.timers.fireNow(command.functionName), command.functionName);
    case 'timer.pause':
      return orFail(host.timers.setPaused(command.functionName, true), command.functionName);
    case 'timer.resume':
      return orFail(host.timers.setPaused(command.functionName, false), command.functionName);
    case 'timer.fastForward': {
      const at = host.timers.fastForward(command.functionName);
      if (at === undefined)
        throw new Error(`No timer function named '${command.functionName}' with a next occurrence.`);
      return { now: at };
    }
  }
}
