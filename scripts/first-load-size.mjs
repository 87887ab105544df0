// Reports how much JavaScript the built page loads before the editor is needed: the entry
// module and everything index.html preloads, gzip-compressed, against the 150 kB budget.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = 150 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');
const refs = new Set();
for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) refs.add(m[1]);
const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);

// Static imports of the entry load before first paint too; follow them. So does the playground
// itself (web/page.tsx), which the small entry imports at once, after opening the engine's
// sandbox: follow that dynamic import and the CSS it brings.
const seen = new Set();
const queue = [...refs];
while (queue.length) {
  const ref = queue.shift();
  if (seen.has(ref)) continue;
  seen.add(ref);
  const code = readFileSync(join(dist, ref), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push(ref.replace(/[^/]+$/, m[1]));
  }
  for (const m of code.matchAll(/import\(["'`]\.\/(page-[\w-]+\.js)["'`]\)/g)) {
    queue.push(ref.replace(/[^/]+$/, m[1]));
    const pageCss = ref.replace(/[^/]+$/, m[1].replace(/-[\w]+\.js$/, ''));
    for (const name of readdirSync(join(dist, dirname(ref)))) {
      const path = `${dirname(ref)}/${name}`;
      if (path.startsWith(pageCss) && name.endsWith('.css') && !css.includes(path)) css.push(path);
    }
  }
}

let total = 0;
console.log('first-load JavaScript (before the editor is needed):');
for (const ref of seen) {
  const bytes = readFileSync(join(dist, ref));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(
    `  ${ref.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} kB  ${(gz / 1024).toFixed(1).padStart(7)} kB gzip`,
  );
}
for (const ref of css) {
  const gz = gzipSync(readFileSync(join(dist, ref)), { level: 9 }).length;
  console.log(`  ${ref.padEnd(48)} (css) ${(gz / 1024).toFixed(1).padStart(7)} kB gzip`);
}
console.log(
  `  total JS: ${(total / 1024).toFixed(1)} kB gzip; budget ${BUDGET / 1024} kB: ${total <= BUDGET ? 'PASS' : 'MISS'}`,
);

// The in-page engine's workers load when the engine boots, not with the page: reported apart,
// outside the first-load budget.
const inpage = join(dist, '..', 'build', 'inpage');
if (existsSync(inpage)) {
  console.log('in-page engine bundles (build/inpage/, loaded when the engine boots):');
  for (const name of readdirSync(inpage)
    .filter((n) => n.endsWith('.js'))
    .sort()) {
    const bytes = readFileSync(join(inpage, name));
    const gz = gzipSync(bytes, { level: 9 }).length;
    console.log(
      `  ${name.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} kB  ${(gz / 1024).toFixed(1).padStart(7)} kB gzip`,
    );
  }
} else {
  console.log('build/inpage/ is missing: run `npm run build:inpage` for the worker bundle sizes.');
}
