// esbuild options for the handler worker bundle: a classic-worker IIFE for the browser, with
// Node's module names mapped to the polyfill packages (never to Node's own built-ins).
//   esbuild.build({ ...handlerWorkerBuildOptions, outfile: 'dist/handlerWorker.js' })
import { build as esbuild } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const shims = here('./bundleShims.ts');

/** `process` and `process/` (readable-stream's spelling) resolve to our shim. */
const processShim = {
  name: 'inpage-process-shim',
  setup(build) {
    build.onResolve({ filter: /^process\/?$/ }, () => ({ path: shims }));
  },
};

/**
 * The polyfills that wait for their first use (polyfills.ts) do so in the bundle only: there
 * polyfillLoad.ts is replaced by polyfillLoad.bundle.ts, whose require() calls the bundler
 * makes lazy.
 */
const lazyPolyfills = {
  name: 'inpage-lazy-polyfills',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/(?:.*\/)?polyfillLoad$/ }, () => ({
      path: here('./polyfillLoad.bundle.ts'),
    }));
  },
};

/**
 * A module built on its own into the text of a CommonJS function. The worker compiles its whole
 * script before it can take a message, so what only some handlers need travels as a string
 * (scanned, not compiled) and is compiled, by indirect eval as the handler's own code is, on
 * its first use.
 */
async function deferredText(entry, options = {}) {
  const built = await esbuild({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
    ...options,
  });
  return JSON.stringify(`(function (module, exports) {${built.outputFiles[0].text}\n})`);
}

/** Evaluates deferred text into its module's exports. */
const EVALUATE = `const evaluate = eval;
function load(text) {
  const module = { exports: {} };
  evaluate(text)(module, module.exports);
  return module.exports;
}`;

/**
 * es-module-lexer is a fifth of the bundle and only an ES module needs it; the hashes (hashes.ts)
 * a tenth, and only crypto's hashes need them; Node's inspect (node-inspect-extracted) a seventh,
 * and only a printed value that is not a string needs it. polyfillLoad.bundle.ts requires the
 * last two as './hashes.deferred' and './inspect.deferred'. All three travel as text.
 */
const deferredModules = {
  name: 'inpage-deferred-modules',
  setup(build) {
    build.onResolve({ filter: /^es-module-lexer\/js$/ }, () => ({ path: 'lexer', namespace: 'deferred' }));
    build.onResolve({ filter: /^\.\/hashes\.deferred$/ }, () => ({ path: 'hashes', namespace: 'deferred' }));
    build.onResolve({ filter: /^\.\/inspect\.deferred$/ }, () => ({
      path: 'inspect',
      namespace: 'deferred',
    }));
    build.onLoad({ filter: /^lexer$/, namespace: 'deferred' }, async () => ({
      loader: 'js',
      contents: `${EVALUATE}
const text = ${await deferredText(createRequire(import.meta.url).resolve('es-module-lexer/js'), { keepNames: true })};
let lexer;
export function parse(source, name) {
  lexer ??= load(text);
  return lexer.parse(source, name);
}`,
    }));
    build.onLoad({ filter: /^inspect$/, namespace: 'deferred' }, async () => ({
      loader: 'js',
      contents: `${EVALUATE}
module.exports = load(${await deferredText(createRequire(import.meta.url).resolve('node-inspect-extracted'))});`,
    }));
    build.onLoad({ filter: /^hashes$/, namespace: 'deferred' }, async () => ({
      loader: 'js',
      contents: `${EVALUATE}
module.exports = load(${await deferredText(here('./hashes.ts'))});`,
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
export const handlerWorkerBuildOptions = {
  entryPoints: [here('./handlerWorker.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // Stack traces name our classes (`at Server.<anonymous>`), as Node's do: keep them unmangled.
  keepNames: true,
  // Free `process` / `Buffer` in the polyfills (util, safe-buffer…) become the shim's.
  inject: [shims],
  plugins: [processShim, lazyPolyfills, deferredModules],
  alias: {
    // url's parse(…, true) should parse queries as Node's querystring does, not as qs.
    qs: 'querystring-es3',
  },
  define: { 'process.env.NODE_DEBUG': 'undefined', 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
};
