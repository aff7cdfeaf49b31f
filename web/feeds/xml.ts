/**
 * A very small XML writer for the feed and the sitemaps: elements as nested calls, every text and
 * attribute escaped, and characters that XML 1.0 does not allow (control characters a user may have
 * pasted) left out, so that what we write always parses.
 */
export type XmlChild = string | XmlNode | null | undefined | false | XmlChild[];
export type XmlNode = { readonly xml: string };

const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const escapeXml = (s: string) =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** What of `s` survives in XML, trimmed: empty when nothing readable is left. */
export const xmlText = (s: string) => s.replace(NOT_XML, '').trim();

function flatten(children: XmlChild[], out: string[] = []): string[] {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(typeof c === 'string' ? escapeXml(c) : c.xml);
  }
  return out;
}

/** `<name attr="…">children</name>`; attributes whose value is null or undefined are left out. */
export function el(name: string, attrs: Record<string, string | null | undefined> | null, ...children: XmlChild[]): XmlNode {
  const a = Object.entries(attrs ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
    .join('');
  const inner = flatten(children).join('');
  return { xml: inner ? `<${name}${a}>${inner}</${name}>` : `<${name}${a}/>` };
}

export const xmlDocument = (root: XmlNode) => `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;
