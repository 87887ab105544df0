/**
 * Runs before the page's scripts: notes (page clock, ms from navigation start) when Send is first
 * enabled, clicks it from the page itself (the figure is the page's, not an automation's round
 * trips), and notes when the first exchange row with its response is in the DOM. The marks are
 * kept in `window.__benchMarks`; `whenShown` is more script to run with them (`marks`) then.
 */
export function pageMarksScript(whenShown = ''): string {
  return `(() => {
  const marks = (window.__benchMarks = {});
  const check = () => {
    const send = document.querySelector('[data-testid="composer-send"]');
    if (marks.sendEnabled === undefined && send && !send.disabled) {
      marks.sendEnabled = performance.now();
      send.click();
    }
    const row = document.querySelector('[data-testid="exchange-row"]:not([data-state="in-progress"])');
    if (marks.exchangeShown === undefined && row) {
      marks.exchangeShown = performance.now();
      ${whenShown}
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;
}
