import type { HandlerCommand } from '../../core/process/commandLine';
import type { AppFileMap } from './appFileMap';
import { resolvePath } from './appFileMap';

/** What the handler worker is started with, or why it cannot be. */
export type HandlerLaunch =
  | { readonly ok: true; readonly entry: string; readonly argv: readonly string[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** The host shows this code's message as it is (runtime/host/handler/handlerSupervisor.ts). */
const UNSUPPORTED = 'ERR_INPAGE_UNSUPPORTED';

const OTHER_ENGINES =
  'Run this app where a WebContainer boots (?engine=webcontainer), with npm start, or with the CLI (npm run host).';

/** Extensions Node runs as JavaScript; no extension runs as CommonJS too. */
const JAVASCRIPT = /(\.c?js|\.mjs|\/[^/.]+)$/i;

/**
 * Checks that `node <script>` is what the host would start, and finds the script the way Node
 * finds its main module (the path, then `.js`, then `/index.js`). The in-page engine has no
 * other runtimes, so anything else is refused with the reason and where it can run instead.
 */
export function planHandlerLaunch(command: HandlerCommand, files: AppFileMap): HandlerLaunch {
  const executable = command.file.split(/[\\/]/).pop() ?? '';
  if (!/^node(\.exe)?$/i.test(executable)) {
    return refuse(
      UNSUPPORTED,
      `The in-page engine runs JavaScript handlers with node only, and this app's handler runs ` +
        `"${command.file}" (customHandler.description.defaultExecutablePath in host.json). ${OTHER_ENGINES}`,
    );
  }
  // Node's own options come before the script; a bare `-e`/`-p` or no script at all has no file.
  const scriptIndex = command.args.findIndex((a) => !a.startsWith('-'));
  const evalOption = command.args
    .slice(0, Math.max(scriptIndex, 0))
    .find((a) => /^(-e|-p|--eval|--print)$/.test(a));
  if (scriptIndex < 0 || evalOption) {
    return refuse(
      'EINVAL',
      `The handler's command line "${command.commandLine}" names no script for node to run: set ` +
        'customHandler.description.defaultWorkerPath (or arguments) in host.json to the handler file.',
    );
  }
  const script = command.args[scriptIndex]!;
  const requested = resolvePath(command.cwd, script);
  const entry = [requested, `${requested}.js`, `${requested}/index.js`].find((p) => files.fileExists(p));
  if (entry === undefined) {
    return refuse(
      'MODULE_NOT_FOUND',
      `The handler's entry file ${requested} is not in the app, so node would stop with ` +
        `"Cannot find module '${requested}'". Add the file, or point defaultWorkerPath in host.json at it.`,
    );
  }
  if (!JAVASCRIPT.test(entry)) {
    return refuse(
      UNSUPPORTED,
      `The handler's entry file ${entry} is not JavaScript, and the in-page engine runs JavaScript only. ${OTHER_ENGINES}`,
    );
  }
  return { ok: true, entry, argv: ['node', entry, ...command.args.slice(scriptIndex + 1)] };
}

function refuse(code: string, message: string): HandlerLaunch {
  return { ok: false, code, message };
}
