/**
 * The letter as a PDF: the model laid out by pdfmake (A4, Roboto embedded, PDF/A-2b, tagged).
 * Takes the model and nothing else. User text only ever goes in as text runs, never as markup.
 */
import type { LetterItem, LetterModel, LetterStatus, Paragraph } from '../../schema/letter-model';
import { renderPdf, type RenderedPdf } from './pdf-engine';
import type { StructureTag, TagLabel } from './pdf-tagging';
import { FONT_FAMILY } from './assets/fonts';

const INK = '#1a1a1a';
const MUTED = '#595959';
const STATUS_COLOURS: Record<LetterStatus, string> = {
  adopted: '#1b6e3a',
  partly: '#8a5300',
  declined: '#a4262c',
  already_done: '#1f4e79',
  pending: MUTED,
};

/** Thin rules between the rows of the overview, none above the first. */
const OVERVIEW_LAYOUT = {
  hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => '#c8c8c8',
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** A first paragraph up to this long is kept on the page of its heading. */
const KEEP_WITH_HEADING_CHARS = 700;

type Node = Record<string, unknown>;
type Run = { text: string; bold?: boolean; italics?: boolean; color?: string; _t?: TagLabel };

export function letterDefinition(model: LetterModel): Node {
  let nextId = 0;
  /** A text node that is one structure element (paragraph or heading) of the tagged PDF. */
  const tagged = (tag: StructureTag, text: string | Run[], style: Node = {}): Node => {
    const label: TagLabel = { tag, id: ++nextId };
    const runs = typeof text === 'string' ? [{ text }] : text;
    return { text: runs.map((run) => ({ ...run, _t: label })), ...style };
  };
  const para = (text: Paragraph, style: Node = {}) => tagged('P', text, { margin: [0, 0, 0, 6], ...style });

  /** A heading and (if short) the paragraph after it stay on one page. */
  const keepWithHeading = (heading: Node[], rest: Node[]): Node[] => {
    const [first, ...others] = rest;
    const firstLength = first ? runLength(first) : 0;
    if (first && firstLength <= KEEP_WITH_HEADING_CHARS) return [{ stack: [...heading, first], unbreakable: true }, ...others];
    return [{ stack: heading, unbreakable: true }, ...rest];
  };

  const letterhead: Node[] = [
    {
      columns: [
        { width: '*', ...tagged('P', model.letterhead.name, { fontSize: 18, bold: true, color: model.accent }) },
        {
          width: 170,
          ...tagged('P', [...model.letterhead.addressLines, ...model.letterhead.contactLines].join('\n'), { fontSize: 8.5, color: MUTED, lineHeight: 1.25 }),
        },
      ],
      columnGap: 16,
    },
    { canvas: [{ type: 'line', x1: 0, y1: 6, x2: 465, y2: 6, lineWidth: 1.5, lineColor: model.accent }], margin: [0, 0, 0, 36] },
    tagged('P', model.addressee.join('\n'), { margin: [0, 0, 0, 28] }),
    ...model.references.map((r) => ({
      columns: [
        { width: 95, ...tagged('P', [{ text: r.label, color: MUTED }], { fontSize: 9 }) },
        { width: '*', text: [{ text: r.value, _t: { tag: 'P' as const, id: nextId } }], fontSize: 9 },
      ],
      columnGap: 8,
      margin: [0, 0, 0, 2],
    })),
    tagged('P', model.referenceNote, { fontSize: 8.5, italics: true, color: MUTED, margin: [0, 6, 0, 26] }),
  ];

  const opening: Node[] = [para(model.salutation, { margin: [0, 0, 0, 10] }), ...model.opening.map((p) => para(p))];

  const overview: Node[] = model.overview
    ? [
        ...keepWithHeading(
          [tagged('H1', model.overview.heading, { fontSize: 12.5, bold: true, color: model.accent, margin: [0, 12, 0, 4] })],
          [
            para(model.overview.intro),
            {
              table: {
                widths: [170, 30],
                body: model.overview.rows.map((row) => {
                  const label: TagLabel = { tag: 'P', id: ++nextId };
                  return [
                    { text: [{ text: row.label, _t: label }] },
                    { text: [{ text: String(row.count), _t: label }], alignment: 'right', bold: true },
                  ];
                }),
              },
              layout: OVERVIEW_LAYOUT,
              margin: [0, 0, 0, 6],
            },
          ],
        ),
      ]
    : [];

  const item = (it: LetterItem): Node[] => {
    const heading: Node = it.status
      ? {
          columns: [
            { width: '*', ...tagged('H2', it.heading, { fontSize: 11, bold: true }) },
            { width: 'auto', ...tagged('P', [{ text: it.status.label, bold: true, color: STATUS_COLOURS[it.status.code] }], { fontSize: 9.5, margin: [0, 1, 0, 0] }) },
          ],
          margin: [0, 10, 0, 4],
        }
      : { ...tagged('H2', it.heading, { fontSize: 11, bold: true }), margin: [0, 10, 0, 4] };
    const councilText = it.text.map((p) =>
      tagged(it.kind === 'question' ? 'BlockQuote' : 'P', p, { margin: [14, 0, 0, 6], italics: it.kind === 'question', color: '#333333' }),
    );
    const responseHeading = tagged('H3', it.responseHeading, { bold: true, margin: [0, 4, 0, 3] });
    const response = it.response.map((p) => para(p, it.pending ? { italics: true, color: MUTED } : {}));
    return [...keepWithHeading([heading], councilText), ...keepWithHeading([responseHeading], response)];
  };

  const sections: Node[] = model.sections.flatMap((section) => {
    const items = section.items.flatMap(item);
    if (!section.heading) return items;
    const [first, ...rest] = items;
    // The section heading travels with the first item's heading block.
    const head = tagged('H1', section.heading, { fontSize: 12.5, bold: true, color: model.accent, margin: [0, 16, 0, 0] });
    return [{ stack: [head, first], unbreakable: isUnbreakable(first) }, ...rest];
  });

  const signature: Node = {
    stack: [
      ...model.closing.map((p) => para(p, { margin: [0, 10, 0, 10] })),
      para(model.greeting),
      para(model.signOff, { margin: [0, 0, 0, 8] }),
      {
        columns: model.signatories.map((s) => ({
          width: 'auto',
          ...tagged('P', [{ text: `${s.title}\n\n\n` }, { text: s.name }], {}),
        })),
        columnGap: 60,
      },
    ],
    unbreakable: true,
  };

  const verify: Node[] = model.verifyNote ? [tagged('P', model.verifyNote, { fontSize: 8, color: MUTED, margin: [0, 28, 0, 0] })] : [];

  const running = model.running;
  return {
    pageSize: 'A4',
    pageMargins: [70, 78, 60, 56],
    version: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    displayTitle: true,
    language: 'nl-NL',
    info: {
      title: model.documentTitle,
      author: model.author,
      subject: model.subject,
      keywords: model.keywords,
      creator: 'Wederwoord',
      producer: 'Wederwoord (pdfmake)',
      creationDate: new Date(model.createdAt),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: 10, lineHeight: 1.3, color: INK },
    header: (page: number, pages: number) =>
      page === 1
        ? null
        : {
            text: [
              // One compact line: wide gaps would make text extractors read it as columns.
              { text: `${running.date.label} `, color: MUTED },
              { text: running.date.value },
              { text: ` · ${running.reference.label} `, color: MUTED },
              { text: running.reference.value },
              { text: ` · ${running.pageLabel} ${page}/${pages}`, color: MUTED },
              ...(model.concept ? [{ text: ` · ${model.conceptLabel}`, bold: true, color: '#b00020' }] : []),
            ],
            fontSize: 8.5,
            margin: [70, 36, 60, 0],
          },
    watermark: model.concept ? { text: model.conceptLabel, color: '#b00020', opacity: 0.1, bold: true, fontSize: 120 } : undefined,
    content: [
      ...(model.conceptNotice ? [tagged('P', model.conceptNotice, { bold: true, color: '#b00020', fontSize: 9, margin: [0, 0, 0, 10] })] : []),
      ...letterhead,
      ...opening,
      ...overview,
      ...sections,
      signature,
      ...verify,
    ],
  };
}

function runLength(node: Node): number {
  const text = node.text;
  if (typeof text === 'string') return text.length;
  if (Array.isArray(text)) return text.reduce((n: number, r: Run) => n + r.text.length, 0);
  if (Array.isArray(node.stack)) return (node.stack as Node[]).reduce((n, c) => n + runLength(c), 0);
  return 0;
}

const isUnbreakable = (node: Node | undefined) => Boolean(node?.unbreakable);

export function renderLetterPdf(model: LetterModel): Promise<RenderedPdf> {
  return renderPdf(letterDefinition(model));
}
