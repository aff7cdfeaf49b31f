/**
 * The integral list as a PDF: the model laid out by pdfmake on the letter's engine (landscape A4,
 * Roboto embedded, PDF/A-2b, tagged). Per participant a table of three columns whose header rows
 * (the participant's name and the column names) repeat on every page it spans; a long row breaks
 * across pages. Takes the model and nothing else; user text only ever goes in as text runs.
 */
import type { ListModel, ListRow } from '../../schema/list-model';
import { renderPdf, type RenderedPdf } from '../letter/pdf-engine';
import type { StructureTag, TagLabel, TagParent } from '../letter/pdf-tagging';
import { FONT_FAMILY } from '../letter/assets/fonts';

const INK = '#1a1a1a';
const MUTED = '#595959';
const RULE = '#c8c8c8';
const CONCEPT_RED = '#b00020';
/** Landscape A4 is 842 × 595 pt; these margins leave 752 pt for the table. */
const MARGINS = [45, 58, 45, 48];
const WIDTHS = [292, 360, 100];

/** A first row whose longest cell is up to this long stays on the page of its table's header. */
const KEEP_WITH_HEADER_CHARS = 1500;

const rowLength = (r: ListRow) => Math.max(...[r.remark, r.response].map((ps) => ps.reduce((n, p) => n + p.length, 0)), (r.section ?? '').length);

type Node = Record<string, unknown>;
type Run = { text: string; bold?: boolean; italics?: boolean; color?: string; fontSize?: number; _t?: TagLabel };

/** Thin rules between rows, the header row set off by a heavier one. */
const TABLE_LAYOUT = {
  hLineWidth: (i: number) => (i === 0 || i === 1 ? 0 : i === 2 ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i: number) => (i === 2 ? INK : RULE),
  paddingLeft: (i: number) => (i === 0 ? 0 : 6),
  paddingRight: (i: number, node: { table: { widths: unknown[] } }) => (i === node.table.widths.length - 1 ? 0 : 6),
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

export function listDefinition(model: ListModel): Node {
  let nextId = 0;
  const label = (tag: StructureTag, extra: Omit<TagLabel, 'tag' | 'id'> = {}): TagLabel => ({ tag, id: ++nextId, ...extra });
  /** A text node that is one structure element of the tagged PDF. */
  const tagged = (l: TagLabel, text: string | Run[], style: Node = {}): Node => {
    const runs = typeof text === 'string' ? [{ text }] : text;
    return { text: runs.map((run) => ({ ...run, _t: l })), ...style };
  };
  const para = (text: string | Run[], style: Node = {}) => tagged(label('P'), text, style);

  const letterhead: Node[] = [
    {
      columns: [
        { width: '*', ...para(model.letterhead.name, { fontSize: 16, bold: true, color: model.accent }) },
        { width: 220, ...para([...model.letterhead.addressLines, ...model.letterhead.contactLines].join('\n'), { fontSize: 8.5, color: MUTED, lineHeight: 1.25 }) },
      ],
      columnGap: 16,
    },
    { canvas: [{ type: 'line', x1: 0, y1: 6, x2: 752, y2: 6, lineWidth: 1.5, lineColor: model.accent }], margin: [0, 0, 0, 18] },
    para(model.kind, { fontSize: 10, bold: true, color: MUTED, margin: [0, 0, 0, 2] }),
    tagged(label('H1'), model.title, { fontSize: 16, bold: true, margin: [0, 0, 0, 8] }),
    ...model.facts.map((f) => {
      const l = label('P');
      return {
        columns: [
          { width: 90, text: [{ text: f.label, color: MUTED, _t: l }], fontSize: 9 },
          { width: '*', text: [{ text: f.value, _t: l }], fontSize: 9 },
        ],
        columnGap: 8,
        margin: [0, 0, 0, 2],
      };
    }),
    para(model.intro, { margin: [0, 10, 0, 6] }),
  ];

  /** A cell of the table: paragraphs inside TH or TD inside TR inside Table. */
  const cell = (parents: TagParent[], tag: 'TH' | 'TD', paragraphs: (string | Run[])[], style: Node = {}, repeats = false): Node => {
    const cellParent: TagParent = { tag, id: ++nextId, ...(tag === 'TH' ? { scope: 'Column' as const } : {}) };
    const path = [...parents, cellParent];
    const stack = paragraphs.map((p, i) => tagged(label('P', { parents: path, repeats }), p, { margin: [0, i === 0 ? 0 : 4, 0, 0] }));
    return { stack, ...style };
  };

  const participantTable = (p: ListModel['participants'][number]): Node[] => {
    const table: TagParent = { tag: 'Table', id: ++nextId };
    const headerRow: TagParent = { tag: 'TR', id: ++nextId };
    const heading = tagged(label('H2', { repeats: true }), p.name, { fontSize: 12, bold: true, color: model.accent, margin: [0, 0, 0, 2] });
    const header = [model.columns.remark, model.columns.response, model.columns.processing].map((name) =>
      cell([table, headerRow], 'TH', [[{ text: name, bold: true }]], { fontSize: 9, color: MUTED }, true),
    );
    const row = (r: ListRow): Node[] => {
      const tr: TagParent = { tag: 'TR', id: ++nextId };
      const remark: (string | Run[])[] = [
        [{ text: `${r.number}  `, bold: true }, ...(r.section ? [{ text: r.section, italics: true, color: MUTED }] : [{ text: r.remark[0] ?? '' }])],
        ...(r.section ? r.remark : r.remark.slice(1)),
      ];
      const response = r.response.map((text) => [{ text, ...(r.pending || r.reference ? { italics: true } : {}), ...(r.pending ? { color: MUTED } : {}) }]);
      return [cell([table, tr], 'TD', remark), cell([table, tr], 'TD', response), cell([table, tr], 'TD', [r.processing.join(', ')])];
    };
    if (p.rows.length === 0) {
      return [{ stack: [heading, para(model.noRemarks, { italics: true, color: MUTED, margin: [0, 2, 0, 0] })], unbreakable: true, margin: [0, 14, 0, 0] }];
    }
    return [
      {
        table: {
          widths: WIDTHS,
          // The participant's name and the column names repeat on every page; the first remark stays
          // with them unless it is too long for that (pdfmake drops a kept row taller than a page).
          headerRows: 2,
          ...(rowLength(p.rows[0]) <= KEEP_WITH_HEADER_CHARS ? { keepWithHeaderRows: 1 } : {}),
          body: [[{ ...heading, colSpan: 3 }, {}, {}], header, ...p.rows.map(row)],
        },
        layout: TABLE_LAYOUT,
        margin: [0, 14, 0, 0],
      },
    ];
  };

  const participants = model.participants.flatMap(participantTable);

  const legend: Node = {
    stack: [
      tagged(label('H2'), model.legend.heading, { fontSize: 12, bold: true, color: model.accent, margin: [0, 18, 0, 4] }),
      ...model.legend.entries.map((e) => para(e.text, { margin: [0, 0, 0, 3] })),
    ],
  };

  const adoption: Node[] = model.adoption
    ? [
        {
          stack: [
            para(model.adoption.statement, { margin: [0, 18, 0, 8] }),
            {
              columns: model.adoption.signatories.map((s) => ({ width: 'auto', ...para([{ text: `${s.title},\n` }, { text: s.name }]) })),
              columnGap: 60,
            },
          ],
          unbreakable: true,
        },
      ]
    : [];

  const verify: Node[] = model.verifyNote ? [para(model.verifyNote, { fontSize: 8, color: MUTED, margin: [0, 20, 0, 0] })] : [];
  const running = model.running;

  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    version: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    displayTitle: true,
    language: 'nl-NL',
    info: {
      title: model.documentTitle,
      author: model.author,
      subject: model.subject,
      creator: 'Wederwoord',
      producer: 'Wederwoord (pdfmake)',
      creationDate: new Date(model.createdAt),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: 9.5, lineHeight: 1.25, color: INK },
    // Every page: the title, the date and "Pagina n/N" (and CONCEPT before signing), in one line.
    footer: (page: number, pages: number) => ({
      text: [
        { text: running.title, color: MUTED },
        { text: ` · ${running.date.label} `, color: MUTED },
        { text: running.date.value },
        { text: ` · ${running.pageLabel} ${page}/${pages}`, color: MUTED },
        ...(model.concept ? [{ text: ` · ${model.conceptLabel}`, bold: true, color: CONCEPT_RED }] : []),
      ],
      fontSize: 8,
      margin: [MARGINS[0], 18, MARGINS[2], 0],
    }),
    watermark: model.concept ? { text: model.conceptLabel, color: CONCEPT_RED, opacity: 0.08, bold: true, fontSize: 140 } : undefined,
    content: [
      ...(model.conceptNotice ? [para(model.conceptNotice, { bold: true, color: CONCEPT_RED, fontSize: 9, margin: [0, 0, 0, 8] })] : []),
      ...letterhead,
      ...participants,
      legend,
      ...adoption,
      ...verify,
    ],
  };
}

export function renderListPdf(model: ListModel): Promise<RenderedPdf> {
  return renderPdf(listDefinition(model));
}
