/**
 * The program of a regex worker, for both platforms: `listen` and `answer` are bound to the
 * platform's messaging (worker_threads' parentPort on Node, the Web Worker's globals in the page).
 * Kept as text because each platform starts its worker from a string, not from a bundled file.
 */
export function regexWorkerProgram(listen: string, answer: string): string {
  return `
let last;
${listen}((request) => {
  try {
    if (!last || last.source !== request.source || last.flags !== request.flags)
      last = new RegExp(request.source, request.flags);
    last.lastIndex = 0;
    ${answer}({ matched: last.test(request.input) });
  } catch (e) {
    ${answer}({ threw: String((e && e.message) || e) });
  }
});`;
}
