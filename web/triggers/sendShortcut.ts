/**
 * Ctrl+Enter (Cmd+Enter on a Mac) sends the composed request. Inside the composer it works on
 * its own; elsewhere in the page the app can call `requestSend()` from its own key handler, and
 * the composer (when mounted) sends as if its button were pressed.
 */
export const SEND_REQUEST_EVENT = 'playground:send-request';

export function isSendShortcut(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey;
}

/** Asks the HTTP composer to send its request; false when no composer is listening. */
export function requestSend(target: EventTarget = window): boolean {
  const event = new Event(SEND_REQUEST_EVENT, { cancelable: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}
