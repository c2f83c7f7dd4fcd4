// Types for the unhomoglyph package (CommonJS, no bundled types).
declare module 'unhomoglyph' {
  /** Returns the text with homoglyphs replaced by their base characters. */
  export default function unhomoglyph(text: string): string;
}
