import { FrameDecoder } from '../core/control/framing';
import type { HostEvent } from '../core/control/protocol';
import type { ControlIo } from '../host/controlledHost';
import { consolePrinter } from '../host/console/consoleOutput';

/**
 * The CLI's `--control` host prints func-start style lines (the Functions list, timestamped
 * logs, the handler's output) next to its frames, and the playground's terminal shows them.
 * startControlledHost writes the frames only, so the host worker reads its own frames back and
 * prints the same lines before each, in the CLI's order. Colours on: the output is a terminal's.
 */
export function withConsoleLines(io: ControlIo): ControlIo {
  const decoder = new FrameDecoder();
  const print = consolePrinter((text) => io.write(text), true, false);
  return {
    write(text) {
      for (const message of decoder.push(text).messages) print(message as HostEvent);
      io.write(text);
    },
    onInput: (listener) => io.onInput(listener),
    ...(io.onStopped && { onStopped: io.onStopped }),
  };
}
