#!/usr/bin/env node
/**
 * Builds web/public/assets/app.css: the NL Design System component CSS of @utrecht/component-library-css
 * that the pages use, the design tokens they need from the (EUPL) Voorbeeld theme, our own token
 * overrides and the app's layout CSS, minified. Run by wrangler before `dev` and `deploy` ([build] in
 * wrangler.toml) and by the browser tests.
 *
 * Only rules whose Utrecht classes occur in web/ are kept, and the theme's tokens are compiled into the
 * values they stand for, so that a first page load stays far below 100 KB.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import postcss from 'postcss';
import { transform } from 'lightningcss';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const out = path.join(root, 'web/public/assets/app.css');

/** The Utrecht components the pages are built from (their CSS packages ship with the component library). */
const COMPONENTS = [
  'document',
  'skip-link',
  'heading-1',
  'heading-2',
  'heading-3',
  'heading-4',
  'paragraph',
  'link',
  'button',
  'button-group',
  'form-field',
  'form-label',
  'form-field-description',
  'form-field-error-message',
  'form-fieldset',
  'textbox',
  'textarea',
  'select',
  'radio-button',
  'checkbox',
  'alert',
  'table',
  'data-list',
  'unordered-list',
  'ordered-list',
  'separator',
];

function walk(dir, files = []) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file, files);
    else if (/\.(tsx?|js)$/.test(name) && !file.endsWith('app.css')) files.push(file);
  }
  return files;
}

/** Every utrecht-* class name that occurs anywhere in the web sources. */
function usedClasses() {
  const used = new Set();
  for (const file of walk(path.join(root, 'web'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/utrecht-[a-z0-9_-]+/g)) used.add(m[0].replace(/-+$/, ''));
  }
  return used;
}

/**
 * A selector survives when each Utrecht class outside functional pseudo-classes is used; alternatives
 * inside :is()/:where()/:not() are kept as they are (they only widen a selector we keep).
 */
function selectorUsed(selector, used) {
  let outer = selector;
  for (let prev; prev !== outer; ) {
    prev = outer;
    outer = outer.replace(/\([^()]*\)/g, '');
  }
  return [...outer.matchAll(/\.(utrecht-[a-z0-9_-]+)/g)].every((m) => used.has(m[1]));
}

function componentCss(used) {
  const sheets = COMPONENTS.map((name) => readFileSync(require.resolve(`@utrecht/${name}-css/dist/index.css`), 'utf8'));
  const ast = postcss.parse(sheets.join('\n'));
  ast.walkComments((c) => c.remove());
  ast.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes/i.test(rule.parent.name)) return;
    const kept = rule.selectors.filter((s) => selectorUsed(s, used));
    if (kept.length === 0) rule.remove();
    else rule.selectors = kept;
  });
  // Drop at-rules left empty.
  for (let changed = true; changed; ) {
    changed = false;
    ast.walkAtRules((at) => {
      if (at.nodes && at.nodes.length === 0) {
        at.remove();
        changed = true;
      }
    });
  }
  return ast.toString();
}

/** Custom property declarations of the Voorbeeld theme, by name. */
function themeTokens() {
  const file = require.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css');
  const tokens = new Map();
  postcss.parse(readFileSync(file, 'utf8')).walkDecls((d) => {
    if (d.prop.startsWith('--')) tokens.set(d.prop, d.value);
  });
  return tokens;
}

/** Splits `var(--name, fallback)` at `start` (the index of "var("): [name, fallback|null, end]. */
function parseVar(css, start) {
  let depth = 0;
  let i = start + 4;
  let comma = -1;
  for (; i < css.length; i++) {
    const ch = css[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0 && comma < 0) comma = i;
  }
  const name = css.slice(start + 4, comma < 0 ? i : comma).trim();
  const fallback = comma < 0 ? null : css.slice(comma + 1, i).trim();
  return [name, fallback, i + 1];
}

/**
 * Compiles the theme's tokens into the values they stand for. A token is static when only the theme
 * (or our overrides) declares it: then `var(--token)` is replaced by its value, recursively, and the
 * token itself need not ship. Tokens that component rules or our CSS declare stay custom properties,
 * so the cascade (and the per-organisation colour) works as before.
 */
function compileTokens(css, tokens, dynamic) {
  const resolve = (text, seen) => {
    let out = '';
    let i = 0;
    for (let at = text.indexOf('var(', i); at >= 0; at = text.indexOf('var(', i)) {
      out += text.slice(i, at);
      const [name, fallback, end] = parseVar(text, at);
      if (tokens.has(name) && !dynamic.has(name) && !seen.has(name)) {
        out += resolve(tokens.get(name), new Set([...seen, name]));
      } else {
        out += fallback === null ? `var(${name})` : `var(${name},${resolve(fallback, seen)})`;
      }
      i = end;
    }
    return out + text.slice(i);
  };
  const ast = postcss.parse(css);
  ast.walkDecls((d) => {
    if (d.value.includes('var(')) d.value = resolve(d.value, new Set());
  });
  return ast.toString();
}

/** Custom properties that a rule of `css` declares (outside :root): they vary by element or state. */
function declaredOutsideRoot(css) {
  const names = new Set();
  postcss.parse(css).walkDecls((d) => {
    if (d.prop.startsWith('--') && d.parent?.selector !== ':root') names.add(d.prop);
  });
  return names;
}

export function buildCss() {
  const used = usedClasses();
  const components = componentCss(used);
  const overrides = readFileSync(path.join(root, 'web/styles/tokens.css'), 'utf8');
  // The app's rules first, then each feature's own stylesheet in web/styles (tokens.css holds the tokens).
  const styles = readdirSync(path.join(root, 'web/styles'))
    .filter((f) => f.endsWith('.css') && f !== 'tokens.css' && f !== 'app.css')
    .sort();
  const app = ['app.css', ...styles].map((f) => readFileSync(path.join(root, 'web/styles', f), 'utf8')).join('\n');
  const tokens = themeTokens();
  postcss.parse(overrides).walkDecls((d) => {
    if (d.prop.startsWith('--')) tokens.set(d.prop, d.value);
  });
  // Our own --ww-* tokens stay live: the organisation's colour is set per page.
  const dynamic = new Set([...declaredOutsideRoot(components + app), ...[...tokens.keys()].filter((k) => k.startsWith('--ww-'))]);
  // Live tokens keep a root value when the theme or our overrides give them one.
  const referenced = new Set([...(components + app).matchAll(/var\(\s*(--[a-zA-Z0-9_-]+)/g)].map((m) => m[1]));
  const live = [...tokens].filter(([k]) => dynamic.has(k) && (k.startsWith('--ww-') || referenced.has(k)));
  const rootTokens = `:root{${live.map(([k, v]) => `${k}:${v}`).join(';')}}`;
  const compiled = compileTokens([rootTokens, components, app].join('\n'), tokens, dynamic);
  const header =
    '/* Wederwoord. Component CSS: @utrecht/component-library-css (EUPL-1.2, Gemeente Utrecht, Frameless B.V.);' +
    ' tokens: @nl-design-system-unstable/voorbeeld-design-tokens (EUPL-1.2, NL Design System community). */\n';
  const { code } = transform({
    filename: 'app.css',
    code: Buffer.from(compiled),
    minify: true,
    targets: { chrome: 100 << 16, firefox: 100 << 16, safari: 15 << 16 },
  });
  const css = header + code.toString();
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, css);
  return { bytes: Buffer.byteLength(css), file: out };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes, file } = buildCss();
  console.log(`${path.relative(root, file)}: ${(bytes / 1024).toFixed(1)} KiB`);
}
