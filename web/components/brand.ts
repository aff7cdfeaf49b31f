/** The organisation's colour as CSS custom properties, with a text colour that keeps 4.5:1 contrast. */

const DEFAULT_COLOUR = '#1a4f85';
const HEX = /^#[0-9a-fA-F]{6}$/;

function luminance(hex: string) {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export const contrastRatio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

export function brandColours(colour: string | null | undefined) {
  const base = colour && HEX.test(colour) ? colour.toLowerCase() : DEFAULT_COLOUR;
  const text = contrastRatio(base, '#ffffff') >= 4.5 ? '#ffffff' : '#0b0c0c';
  return { base, text };
}

/** The only inline CSS of a page; the values are checked hex colours, so nothing else can get in. */
export const brandCss = (colour: string | null | undefined) => {
  const { base, text } = brandColours(colour);
  return `:root{--ww-org-colour:${base};--ww-org-contrast:${text}}`;
};
