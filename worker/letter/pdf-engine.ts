/**
 * pdfmake set up once per isolate: fonts written into its virtual file system, no network or disk
 * access, tagging installed. `renderPdf` turns a document definition into bytes.
 */
import { Buffer } from 'node:buffer';
import pdfmake from 'pdfmake/js/index.js';
import { FONT_FAMILY, FONT_FILES, fontBytes } from './assets/fonts';
import { SRGB_ICC_BASE64 } from './assets/srgb-icc';
import { installTagging } from './pdf-tagging';

/**
 * pdfmake's own virtual file system normalises names with `__dirname`, which a bundled Worker
 * does not have (vitest's module runner does, so only the real bundle fails): a plain map
 * serves the same three calls.
 */
class FontFiles {
  constructor(private readonly files: ReadonlyMap<string, Buffer>) {}
  existsSync(name: unknown) {
    return typeof name === 'string' && this.files.has(name);
  }
  readFileSync(name: string) {
    const file = this.files.get(name);
    if (!file) throw new Error(`no file ${name} in the letter's font files`);
    return file;
  }
  writeFileSync() {
    throw new Error('the letter renderer loads nothing at run time');
  }
}
pdfmake.virtualfs = new FontFiles(fontBytes);
pdfmake.setFonts({ [FONT_FAMILY]: { ...FONT_FILES } });
// A letter needs nothing from the network or the disk; denying both also keeps user text from
// ever naming a resource to load.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);
installTagging();

const srgbIcc = Buffer.from(SRGB_ICC_BASE64, 'base64');

const xmlEscape = (s: unknown) =>
  typeof s === 'string' ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s;

/**
 * Two repairs to pdfkit's PDF/A support, made on the document before it is finished:
 * its output intent reads the sRGB profile from disk (a Worker has no such file), and its XMP
 * metadata pastes title, author and subject into XML unescaped (a title with "&" or "<" would
 * break the metadata, and the title is user text).
 */
function prepareForPdfA(doc: any) {
  doc._addColorOutputIntent = function (this: any) {
    const profile = this.ref({ Length: srgbIcc.length, N: 3 });
    profile.write(srgbIcc);
    profile.end();
    const intent = this.ref({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      Info: new String('sRGB IEC61966-2.1'),
      OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
      DestOutputProfile: profile,
    });
    intent.end();
    this._root.data.OutputIntents = [intent];
  };
  const addInfo = doc._addInfo;
  doc._addInfo = function (this: any) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, xmlEscape(v)]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

export type RenderedPdf = { bytes: Uint8Array; pages: number };

export async function renderPdf(definition: Record<string, unknown>): Promise<RenderedPdf> {
  const doc = await pdfmake.createPdf(definition).getStream();
  if (definition.subset) prepareForPdfA(doc);
  const pages: number = doc._pdfMakePages?.length ?? 0;
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.end();
  await done;
  const bytes = new Uint8Array(Buffer.concat(chunks));
  return { bytes, pages };
}
