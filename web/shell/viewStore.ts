import { createStore } from 'zustand/vanilla';

/** The four views a phone shows one at a time. */
export type PhoneTab = 'code' | 'request' | 'exchanges' | 'terminal';

export const PHONE_TABS: readonly { readonly id: PhoneTab; readonly label: string }[] = [
  { id: 'code', label: 'Code' },
  { id: 'request', label: 'Request' },
  { id: 'exchanges', label: 'Exchanges' },
  { id: 'terminal', label: 'Terminal' },
];

/** Below this width the workspace shows one view at a time, under tabs. */
export const PHONE_QUERY = '(max-width: 600px)';

export interface ViewState {
  /** The file tree folded to a slim rail, leaving its width to the editor. */
  readonly treeFolded: boolean;
  readonly phoneTab: PhoneTab;
}

export interface ViewActions {
  setTreeFolded(folded: boolean): void;
  setPhoneTab(tab: PhoneTab): void;
}

export type ViewStore = ReturnType<typeof createViewStore>;

/** What the person chose to see: a folded tree, and the phone's tab. */
export function createViewStore() {
  return createStore<ViewState & ViewActions>()((set) => ({
    treeFolded: false,
    phoneTab: 'request',
    setTreeFolded: (treeFolded) => set({ treeFolded }),
    setPhoneTab: (phoneTab) => set({ phoneTab }),
  }));
}
