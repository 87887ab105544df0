import type { ExampleMeta } from '../examples/exampleMeta';
import { applyTriggerStart, triggerStartFor } from '../examples/exampleStart';
import type { ExampleInfo } from '../examples/examples';
import type { EmbedOptions } from '../embed/embedOptions';
import type { ShareRequest } from '../share/location';
import type { PlaygroundSession, Stores } from '../session/session';
import type { AppActions } from './appActions';
import { loadedTrusted } from './appActions';
import type { LazyModules } from './lazy/modules';
import { fileToOpen } from './playgroundActions';
import type { RunGate } from './runGate';
import type { UiStore } from '../shell/uiStore';
import type { StartKind, WorkPersistence } from '../stores/persistence/workPersistence';
import type { WorkActions } from './workActions';

/**
 * What the page opens first: a share link in the hash, `?example=<name>`, or the default example;
 * then it boots, waits for a click (click-to-run embeds), or waits for a yes (code from a link,
 * local engine).
 */

/**
 * What the address asks for. The share chunk (fflate) is only fetched when there is a hash; an
 * example name needs no decoding, and whether it exists is checked against the bundle.
 */
export async function readStartRequest(
  search: string,
  hash: string,
  modules: LazyModules,
): Promise<ShareRequest> {
  if (hash !== '' && hash !== '#') {
    try {
      return (await modules.share()).readShareRequest(search, hash);
    } catch (e) {
      return {
        kind: 'error',
        error: `This share link could not be read: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  const name = new URLSearchParams(search).get('example');
  return name ? { kind: 'example', name } : { kind: 'none' };
}

/** The message for `?example=` naming no bundled example: which ones there are, and what opened. */
export function unknownExampleMessage(
  name: string,
  examples: readonly ExampleInfo[],
  opened: string,
): string {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  return `There is no example named ${shown}. The examples are: ${examples.map((e) => e.name).join(', ')}. The '${opened}' example is open instead.`;
}

export interface StartupOptions {
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly ui: UiStore;
  readonly gate: RunGate;
  readonly actions: AppActions;
  readonly modules: LazyModules;
  readonly examples: readonly ExampleInfo[];
  readonly defaultExample: string;
  readonly loadExample: (name: string) => Promise<Record<string, string>>;
  /** An example's playground.json: the trigger it opens on. */
  readonly exampleMeta?: (name: string) => ExampleMeta | undefined;
  readonly embed: Pick<EmbedOptions, 'clickToRun' | 'file'>;
  readonly search: string;
  readonly hash: string;
  /** Where the work is kept: restored first when it fits the address, then saved as it changes. */
  readonly persistence?: WorkPersistence | undefined;
  readonly work?: Pick<WorkActions, 'restoreWork'>;
}

/** What the address asks for, as persistence matches stored work against it. */
function startKindOf(request: ShareRequest, hash: string): StartKind {
  switch (request.kind) {
    case 'state':
      return { kind: 'state', hash };
    case 'example':
      return { kind: 'example', name: request.name };
    case 'none':
      return { kind: 'none' };
    default:
      return { kind: 'error' };
  }
}

/** Opens the first app, then starts the runtime unless a click or a confirmation must come first. */
export async function startPlayground(options: StartupOptions): Promise<void> {
  const { stores, session, ui, gate, actions, examples, defaultExample, embed } = options;

  const openBundled = async (name: string) => {
    const files = await options.loadExample(name);
    stores.files.getState().load(files, name, fileToOpen(files));
    applyTriggerStart(stores.triggers, triggerStartFor(name, files, options.exampleMeta?.(name)));
    loadedTrusted(ui, gate, { kind: 'example', name, example: name });
  };

  const openRequested = async (request: ShareRequest) => {
    switch (request.kind) {
      case 'state':
        await actions.openShared(request.state, 'link', { askNow: false });
        options.persistence?.setLink(options.hash);
        break;
      case 'error':
        await openBundled(defaultExample);
        ui.getState().setLinkError(
          `${request.error} Nothing from the link was loaded; the '${defaultExample}' example is open instead.`,
        );
        break;
      case 'example':
        if (examples.some((e) => e.name === request.name)) {
          await openBundled(request.name);
        } else {
          await openBundled(defaultExample);
          ui.getState().setLinkError(unknownExampleMessage(request.name, examples, defaultExample));
        }
        break;
      case 'none':
        await openBundled(defaultExample);
        break;
    }
  };

  const request = await readStartRequest(options.search, options.hash, options.modules);
  // The work kept from before (a reload, a reopened tab) comes back when it fits the address.
  const restored = await options.persistence?.restore(startKindOf(request, options.hash));
  if (restored && options.work) options.work.restoreWork(restored);
  else await openRequested(request);
  options.persistence?.start();

  if (embed.file !== undefined) {
    if (Object.hasOwn(stores.files.getState().files, embed.file)) stores.files.getState().open(embed.file);
    else {
      const problems = ui.getState().embedProblems;
      ui.getState().setEmbedProblems([
        ...problems,
        `file=${JSON.stringify(embed.file)} is not a file of this app.`,
      ]);
    }
  }

  if (embed.clickToRun) {
    ui.getState().setAwaitingClick(true);
    return;
  }
  if (gate.held) {
    ui.getState().askConfirm('link');
    return;
  }
  await session.start();
}
