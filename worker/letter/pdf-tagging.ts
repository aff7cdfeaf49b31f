/**
 * A tagged PDF from pdfmake. pdfmake 0.3's `tagged` option only flags the document as marked and
 * leaves an empty structure tree; the content itself is never marked. pdfkit underneath can do it
 * (marked content + structure elements), so we wrap pdfmake's renderer: every text line that the
 * document definition labelled with `_t: { tag, id }` becomes content of the structure element
 * `id` (one element per paragraph or heading, even across lines and pages, in reading order);
 * everything else (running header, rules, watermark) is marked as an artifact.
 *
 * pdfmake copies unknown properties of a text run onto each of its words, so the label reaches
 * the rendered line without any other change to pdfmake.
 *
 * A label may name its ancestors (`parents`, outermost first): a table cell's paragraph is then
 * Table > TR > TH|TD > P, each ancestor created once, when its first line is drawn. A label that
 * `repeats` (a table's header row, drawn again on every page the table spans) is tagged on the page
 * where it first appears and is an artifact wherever it is repeated.
 */
import * as RendererModule from 'pdfmake/js/Renderer.js';

export type StructureTag = 'P' | 'H1' | 'H2' | 'H3' | 'BlockQuote' | 'Table' | 'TR' | 'TH' | 'TD';
/** An ancestor structure element; `scope` makes a TH a column or row header. */
export type TagParent = { tag: StructureTag; id: number; scope?: 'Column' | 'Row' };
export type TagLabel = { tag: StructureTag; id: number; parents?: TagParent[]; repeats?: boolean };

type StructElement = { add(child: unknown): StructElement };
type TaggedDoc = {
  options: { tagged?: boolean };
  addPage(...args: unknown[]): unknown;
  struct(tag: string): StructElement;
  addStructure(el: StructElement): void;
  markStructureContent(tag: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
  __letterTags?: {
    root: StructElement;
    elements: Map<number, StructElement>;
    /** The element whose marked content is open on the current page, if any. */
    open: number | null;
    /** Pages begun so far, and the page on which each repeating label was first drawn. */
    page: number;
    firstPage: Map<number, number>;
  };
};

// CommonJS with __esModule: bundlers hand over `default`, Node's ESM loader the exports object.
const mod = RendererModule as any;
const Renderer = (mod.default?.default ?? mod.default ?? mod) as { prototype: Record<string, (...args: any[]) => void> };

function tagsOf(doc: TaggedDoc) {
  if (!doc.options.tagged) return null;
  if (!doc.__letterTags) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    doc.__letterTags = { root, elements: new Map(), open: null, page: 0, firstPage: new Map() };
  }
  return doc.__letterTags;
}

function close(doc: TaggedDoc) {
  const tags = doc.__letterTags;
  if (tags?.open != null) {
    doc.endMarkedContent();
    tags.open = null;
  }
}

let installed = false;

export function installTagging() {
  if (installed) return;
  installed = true;
  const proto = Renderer.prototype;
  const { renderPages, renderLine, renderVector, renderWatermark } = proto;

  const asArtifact = (doc: TaggedDoc, type: string, draw: () => void) => {
    close(doc);
    doc.markContent('Artifact', { type });
    draw();
    doc.endMarkedContent();
  };

  // Marked content never spans a page: it is closed before each new page and at the end.
  proto.renderPages = function (this: { pdfDocument: TaggedDoc }, pages: unknown) {
    const doc = this.pdfDocument;
    if (tagsOf(doc)) {
      const addPage = doc.addPage;
      doc.addPage = function (this: TaggedDoc, ...args: unknown[]) {
        close(this);
        this.__letterTags!.page++;
        return addPage.apply(this, args);
      };
    }
    renderPages.call(this, pages);
    close(doc);
  };

  // Consecutive lines of one element share one marked-content sequence (one MCID per element and page).
  proto.renderLine = function (this: { pdfDocument: TaggedDoc }, line: { inlines: { _t?: TagLabel }[] }, x: number, y: number) {
    const doc = this.pdfDocument;
    const tags = tagsOf(doc);
    if (!tags) return renderLine.call(this, line, x, y);
    const label = line.inlines[0]?._t;
    if (!label) return asArtifact(doc, 'Pagination', () => renderLine.call(this, line, x, y));
    if (label.repeats) {
      const first = tags.firstPage.get(label.id) ?? tags.page;
      tags.firstPage.set(label.id, first);
      if (first !== tags.page) return asArtifact(doc, 'Pagination', () => renderLine.call(this, line, x, y));
    }
    if (tags.open !== label.id) {
      close(doc);
      let element = tags.elements.get(label.id);
      if (!element) {
        let parent = tags.root;
        for (const ancestor of label.parents ?? []) {
          let el = tags.elements.get(ancestor.id);
          if (!el) {
            el = ancestor.scope ? (doc.struct as (tag: string, options: object) => StructElement)(ancestor.tag, { scope: ancestor.scope }) : doc.struct(ancestor.tag);
            parent.add(el);
            tags.elements.set(ancestor.id, el);
          }
          parent = el;
        }
        element = doc.struct(label.tag);
        parent.add(element);
        tags.elements.set(label.id, element);
      }
      element.add(doc.markStructureContent(label.tag));
      tags.open = label.id;
    }
    renderLine.call(this, line, x, y);
  };

  proto.renderVector = function (this: { pdfDocument: TaggedDoc }, vector: unknown) {
    const doc = this.pdfDocument;
    if (!tagsOf(doc)) return renderVector.call(this, vector);
    asArtifact(doc, 'Layout', () => renderVector.call(this, vector));
  };

  proto.renderWatermark = function (this: { pdfDocument: TaggedDoc }, page: unknown) {
    const doc = this.pdfDocument;
    if (!tagsOf(doc)) return renderWatermark.call(this, page);
    asArtifact(doc, 'Pagination', () => renderWatermark.call(this, page));
  };
}
