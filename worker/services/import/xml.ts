/**
 * A small pull tokenizer for the XML of Office documents: start tags (with attributes on demand),
 * end tags and text. Enough for WordprocessingML, which has no DTDs; comments, processing
 * instructions and CDATA are handled, entities decoded.
 */

export type XmlToken =
  | { type: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const TOKEN = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|([^<]+)/g;

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, hex: string, dec: string, name: string) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export function* tokens(xml: string): Generator<XmlToken> {
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(xml))) {
    if (m[2]) {
      if (m[1]) yield { type: 'close', name: m[2] };
      else yield { type: 'open', name: m[2], attrs: m[3] ?? '', selfClosing: m[4] === '/' };
    } else if (m[5] !== undefined) yield { type: 'text', text: m[5] };
    else if (m[6] !== undefined) yield { type: 'text', text: decodeEntities(m[6]) };
  }
}

const attrPatterns = new Map<string, RegExp>();

/** One attribute of a start tag by its qualified name (`w:val`), entities decoded. */
export function attr(attrs: string, name: string): string | null {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2]) : null;
}

/** A boolean property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off. */
export const isOn = (attrs: string) => {
  const v = attr(attrs, 'w:val');
  return v === null || !/^(0|false|off|none)$/i.test(v);
};
