// pdfmake 0.3 ships no type declarations; the letter code only touches this much of it.
declare module 'pdfmake/js/index.js' {
  const pdfmake: {
    virtualfs: { existsSync(name: unknown): boolean; readFileSync(name: string): Uint8Array; writeFileSync(...args: unknown[]): void };
    setFonts(fonts: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: Record<string, unknown>, options?: Record<string, unknown>): { getStream(): Promise<any> };
  };
  export default pdfmake;
}
declare module 'pdfmake/js/Renderer.js';
