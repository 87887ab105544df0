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
 * es-module-lexer is a fifth of the bundle and only an ES module needs it. The worker compiles
 * its whole script before it can take a message, so the lexer travels as text instead, compiled
 * (by indirect eval, as the handler's own code is) when the first ES module is met.
 */
const deferredLexer = {
  name: 'inpage-deferred-lexer',
  setup(build) {
    build.onResolve({ filter: /^es-module-lexer\/js$/ }, () => ({ path: 'lexer', namespace: 'deferred' }));
    build.onLoad({ filter: /^lexer$/, namespace: 'deferred' }, async () => {
      const built = await esbuild({
        entryPoints: [createRequire(import.meta.url).resolve('es-module-lexer/js')],
        bundle: true,
        format: 'cjs',
        platform: 'browser',
        target: 'es2022',
        minify: true,
        keepNames: true,
        legalComments: 'none',
        write: false,
        logLevel: 'warning',
      });
      const source = `(function (module, exports) {${built.outputFiles[0].text}\n})`;
      return {
        loader: 'js',
        contents: `const evaluate = eval;
let lexer;
export function parse(source, name) {
  if (!lexer) {
    const module = { exports: {} };
    evaluate(${JSON.stringify(source)})(module, module.exports);
    lexer = module.exports;
  }
  return lexer.parse(source, name);
}`,
      };
    });
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
  plugins: [processShim, lazyPolyfills, deferredLexer],
  alias: {
    // url's parse(…, true) should parse queries as Node's querystring does, not as qs.
    qs: 'querystring-es3',
  },
  define: { 'process.env.NODE_DEBUG': 'undefined', 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
};
