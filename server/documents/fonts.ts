import { createRequire } from 'node:module';

/**
 * The PDF's typeface: DejaVu Sans (the dejavu-fonts-ttf package; Bitstream Vera's free licence, DejaVu's
 * changes in the public domain). PDF/A wants every font embedded, so the PDF never leans on the standard 14
 * fonts a reader may substitute, nor on a font of this machine's that another machine lacks: the files come
 * from node_modules. DejaVu covers Swedish (å ä ö), the accents of names (é ü ñ) and most of Europe's letters.
 */
const require = createRequire(import.meta.url);
const file = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);

export const FONTS = {
  regular: file('DejaVuSans.ttf'),
  bold: file('DejaVuSans-Bold.ttf'),
} as const;
