/**
 * Layout measurements in the page, for reflow (WCAG 1.4.10), resized text (1.4.4) and text spacing
 * (1.4.12): horizontal scrolling of the document, text cut off by its box, text drawn over other text.
 * They run in Chromium through page.evaluate (the project's TypeScript has no DOM library, hence
 * the loose typing inside the page functions).
 */
import type { Page } from 'playwright-core';
import { axeViolations } from './support';

/** WCAG 1.4.12's overrides: line height 1.5, paragraph spacing 2, letter spacing .12, word spacing .16 (in em). */
export const TEXT_SPACING_CSS = `
*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-block-end: 2em !important; }
`;

/** Text at 200 %: what a browser's font-size setting does to a page sized in rem and em. */
export const TEXT_200_CSS = `html { font-size: 200% !important; }`;

/**
 * Adds a style sheet to the document and its same-origin frames for the length of `fn`. A
 * constructed sheet (adoptedStyleSheets): the pages' CSP lets no injected <style> element apply.
 */
export async function withStyle<T>(page: Page, css: string, fn: () => Promise<T>): Promise<T> {
  const apply = (on: boolean) =>
    Promise.all(
      page.frames().map((f) =>
        f
          .evaluate(
            ([text, add]) => {
              const d = (globalThis as any).document;
              const g = globalThis as any;
              if (add) {
                const sheet = new g.CSSStyleSheet();
                sheet.replaceSync(text);
                g.__wwTestSheet = sheet;
                d.adoptedStyleSheets = [...d.adoptedStyleSheets, sheet];
              } else if (g.__wwTestSheet) {
                d.adoptedStyleSheets = d.adoptedStyleSheets.filter((s: unknown) => s !== g.__wwTestSheet);
                g.__wwTestSheet = undefined;
              }
            },
            [css, on] as const,
          )
          // A sandboxed frame (a mail in the local mailbox) refuses evaluation; it scrolls on its own.
          .catch(() => undefined),
      ),
    );
  await apply(true);
  try {
    return await fn();
  } finally {
    await apply(false);
  }
}

/**
 * How far the document scrolls sideways (0 when it reflows), and the innermost elements whose box
 * or text sticks out on the right, for the failure message.
 */
export async function horizontalOverflow(page: Page): Promise<{ px: number; culprits: string[] }> {
  return page.evaluate(() => {
    const d = (globalThis as any).document;
    const g = globalThis as any;
    const root = d.documentElement;
    const px = root.scrollWidth - root.clientWidth;
    if (px <= 0) return { px: 0, culprits: [] };
    const width = root.clientWidth + 0.5;
    // Elements that scroll or clip sideways keep their content to themselves.
    const keeps = (el: any) => ['auto', 'scroll', 'hidden', 'clip'].includes(g.getComputedStyle(el).overflowX);
    const kept = (el: any) => {
      for (let e = el.parentElement; e && e !== d.body; e = e.parentElement) if (keeps(e)) return true;
      return false;
    };
    const sticking = new Set<any>();
    for (const el of d.body.querySelectorAll('*')) if (el.getBoundingClientRect().right > width && !kept(el)) sticking.add(el);
    // A word that does not wrap sticks out of a box that itself fits.
    const walker = d.createTreeWalker(d.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = d.createRange();
      range.selectNodeContents(node);
      if ([...range.getClientRects()].some((r: any) => r.right > width) && node.parentElement && !keeps(node.parentElement) && !kept(node.parentElement)) sticking.add(node.parentElement);
    }
    const innermost = [...sticking].filter((el) => ![...sticking].some((o) => o !== el && el.contains(o)));
    const describe = (el: any) => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = String(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}${text ? ` "${text}"` : ''}`;
    };
    return { px, culprits: innermost.slice(0, 8).map(describe) };
  });
}

/**
 * Text that the page no longer shows whole: cut off by a box that hides its overflow, sticking out
 * of a box of fixed size, or drawn on top of other text. Each text node's line boxes are compared
 * with every other's.
 */
export async function hiddenOrOverlappingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const d = (globalThis as any).document;
    const g = globalThis as any;
    const problems: string[] = [];
    const snippet = (s: string) => s.trim().replace(/\s+/g, ' ').slice(0, 40);
    const describe = (el: any) => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}`;
    };
    // Hidden on purpose: not rendered (display, visibility, a closed <details>), or the visually-hidden pattern (a 1 px box).
    const hiddenOnPurpose = (el: any): boolean => {
      if (!el.checkVisibility({ visibilityProperty: true })) return true;
      for (let e = el; e && e !== d.body; e = e.parentElement) {
        const r = e.getBoundingClientRect();
        if ((r.width <= 1 && r.height <= 1) || g.getComputedStyle(e).clipPath === 'inset(50%)') return true;
      }
      return false;
    };

    // 1. Boxes that cut their text off.
    for (const el of d.body.querySelectorAll('*')) {
      if (['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'PROGRESS', 'IFRAME', 'IMG', 'SVG', 'svg', 'SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName)) continue;
      if (!String(el.textContent ?? '').trim()) continue;
      const s = g.getComputedStyle(el);
      const clips = (v: string) => v === 'hidden' || v === 'clip';
      if (!clips(s.overflowX) && !clips(s.overflowY) && s.textOverflow !== 'ellipsis') continue;
      if (hiddenOnPurpose(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) problems.push(`cut off: ${describe(el)} "${snippet(el.textContent)}"`);
    }

    // 2. Text drawn over other text: the line boxes of every visible text node.
    type Box = { left: number; right: number; top: number; bottom: number; node: number; text: string; fixed: boolean };
    const boxes: Box[] = [];
    const walker = d.createTreeWalker(d.body, 4 /* NodeFilter.SHOW_TEXT */);
    let n = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'TEMPLATE', 'TEXTAREA', 'OPTION', 'TITLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      if (hiddenOnPurpose(parent)) continue;
      const range = d.createRange();
      range.selectNodeContents(node);
      n++;
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        boxes.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, node: n, text: snippet(node.textContent), fixed: false });
      }
    }
    // Glyph boxes are taller than the text they hold (ascent and descent): lines may touch a little.
    const slack = 3;
    const overlaps = new Set<string>();
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.node === b.node) continue;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > slack && h > slack) overlaps.add(`overlap: "${a.text}" and "${b.text}"`);
      }
    }
    problems.push(...[...overlaps].slice(0, 8));
    return problems;
  });
}

/** The computed font size of the page's first paragraph (or its body), in px: did the text really grow? */
export async function textFontSize(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as any).document;
    const el = d.querySelector('main p') ?? d.querySelector('p') ?? d.body;
    return parseFloat((globalThis as any).getComputedStyle(el).fontSize);
  });
}

export const PHONE = { width: 320, height: 640 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * What stops a person reading the page as it is now, on a phone (the page's viewport is PHONE):
 * axe's violations, script or CSP errors, and sideways scrolling or text cut off or drawn over
 * other text: at 320 px, at 320 px with WCAG 1.4.12's text spacing, and with the text at 200 %
 * (1.4.4) on a desktop screen. Empty when there is nothing.
 */
export async function pageFindings(page: Page, problems: string[]): Promise<string[]> {
  const found: string[] = [];
  found.push(...(await axeViolations(page)).map((v) => `axe: ${v}`));
  found.push(...problems.splice(0).map((p) => `console: ${p}`));
  if ((await page.getAttribute('html', 'lang')) !== 'nl') found.push('html lang is not nl');

  const readable = async (mode: string) => {
    const o = await horizontalOverflow(page);
    if (o.px > 0) found.push(`${mode}: the page scrolls ${o.px}px sideways: ${o.culprits.join('; ')}`);
    found.push(...(await hiddenOrOverlappingText(page)).map((p) => `${mode}: ${p}`));
  };
  await readable('320px');
  await withStyle(page, TEXT_SPACING_CSS, () => readable('320px, text spacing'));
  await page.setViewportSize(DESKTOP);
  try {
    const normal = await textFontSize(page);
    await withStyle(page, TEXT_200_CSS, async () => {
      const bigger = await textFontSize(page);
      if (bigger < normal * 1.9) found.push(`text 200%: the text grew from ${normal}px to ${bigger}px only (sized in px?)`);
      await readable('text 200%');
    });
  } finally {
    await page.setViewportSize(PHONE);
  }
  return found;
}
