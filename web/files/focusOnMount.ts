/**
 * A ref callback that focuses its element once it is in the page: what `autoFocus` means for
 * a control that appears later (an inline form, a confirmation), said to the DOM directly so it
 * does not depend on how the renderer treats the attribute (browsers honour `autofocus` once
 * per page load).
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
