import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a PDF is made of, read by tools that did not write it: qpdf's JSON of every object (Debian's qpdf) and
 * poppler's pdftotext (poppler-utils). `npm test` installs both where they are missing (scripts/test.mjs).
 */
export interface PdfFacts {
  header: string;
  catalog: Record<string, unknown>;
  info: Record<string, string>;
  /** The XMP metadata stream, as text. */
  xmp: string;
  /** The structure tree, depth first: each element's type, in the order a screen reader meets them. */
  structure: StructNode;
  fonts: { name: string; subtype: string; embedded: boolean }[];
  /** Text-showing operators that are neither inside tagged content nor an Artifact. */
  untaggedText: number;
  /** Marked content ids (MCIDs) on the pages that no structure element claims, and claimed ones no page has. */
  orphanMcids: string[];
  /** The text page by page as laid out (pdftotext -layout). */
  text: string;
}

export interface StructNode {
  type: string;
  children: StructNode[];
}

const TOOLS = { qpdf: 'qpdf', pdftotext: 'poppler-utils' } as const;

/** The tools are there, or a message that says which Debian packages to install. */
export function pdfToolsMissing(): string | undefined {
  const missing = Object.entries(TOOLS).filter(([command]) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
  return missing.length ? `install Debian's ${missing.map(([, pkg]) => pkg).join(' and ')} (npm test does it as root)` : undefined;
}

type Json = unknown;
type Objects = Record<string, { value?: Json; stream?: { dict: Record<string, Json>; data?: string } }>;

export function inspectPdf(bytes: Buffer): PdfFacts {
  const missing = pdfToolsMissing();
  if (missing) throw new Error(`The PDF checks read PDFs with qpdf and pdftotext: ${missing}.`);
  const folder = mkdtempSync(join(tmpdir(), 'esk-pdf-'));
  try {
    const file = join(folder, 'case.pdf');
    writeFileSync(file, bytes);
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-stream-data=inline', '--decode-level=generalized', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
      qpdf: [unknown, Objects];
    };
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return facts(bytes, json.qpdf[1], text);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function facts(bytes: Buffer, objects: Objects, text: string): PdfFacts {
  const isRef = (value: Json): value is string => typeof value === 'string' && /^\d+ \d+ R$/.test(value);
  const object = (ref: string) => objects[`obj:${ref}`];
  /** A value with its references followed (one level). */
  const resolve = (value: Json): Json => {
    if (!isRef(value)) return value;
    const found = object(value);
    return found?.value ?? found?.stream?.dict;
  };
  const dict = (value: Json) => (resolve(value) ?? {}) as Record<string, Json>;
  const streamText = (ref: Json) => {
    const data = isRef(ref) ? object(ref)?.stream?.data : undefined;
    return data ? Buffer.from(data, 'base64').toString('utf8') : '';
  };
  /** qpdf writes PDF strings as u:<text> (Unicode) or b:<hex>. */
  const string = (value: Json) => (typeof value === 'string' && value.startsWith('u:') ? value.slice(2) : String(value));

  const trailer = objects.trailer!.value as Record<string, Json>;
  const catalog = dict(trailer['/Root']);
  const info = Object.fromEntries(Object.entries(dict(trailer['/Info'])).map(([key, value]) => [key.slice(1), string(resolve(value))]));

  // The structure tree, and the marked content each page's elements claim.
  const claimed = new Set<string>();
  const walk = (value: Json, page: Json): StructNode[] => {
    const node = resolve(value);
    if (typeof node === 'number') {
      claimed.add(`${String(page)}#${node}`);
      return [];
    }
    if (Array.isArray(node)) return node.flatMap((child) => walk(child, page));
    if (!node || typeof node !== 'object') return [];
    const element = node as Record<string, Json>;
    if (element['/Type'] === '/MCR') {
      claimed.add(`${String(element['/Pg'] ?? page)}#${String(element['/MCID'])}`);
      return [];
    }
    const children = element['/K'] === undefined ? [] : walk(element['/K'], element['/Pg'] ?? page);
    return element['/S'] ? [{ type: String(element['/S']).slice(1), children }] : children;
  };
  const treeRoot = dict(catalog['/StructTreeRoot']);
  const structure: StructNode = { type: 'StructTreeRoot', children: walk(treeRoot['/K'], undefined) };

  // Each page's content: what is inside marked content, and which MCIDs it marks.
  let untaggedText = 0;
  const marked = new Set<string>();
  const pages = Object.entries(objects).filter(([, entry]) => (entry.value as Record<string, Json> | undefined)?.['/Type'] === '/Page');
  for (const [key, page] of pages) {
    const ref = key.slice('obj:'.length);
    const contents = (page.value as Record<string, Json>)['/Contents'];
    const content = (Array.isArray(contents) ? contents : [contents]).map(streamText).join('\n');
    // The operators that open and close marked content, their property lists, and those that show text.
    let depth = 0;
    let properties = '';
    for (const [token] of content.matchAll(/<<[\s\S]*?>>|\b(?:BDC|BMC|EMC|TJ|Tj)\b/g)) {
      if (token.startsWith('<<')) properties = token;
      else if (token === 'BDC' || token === 'BMC') {
        depth++;
        const mcid = token === 'BDC' ? properties.match(/\/MCID (\d+)/) : null;
        if (mcid) marked.add(`${ref}#${mcid[1]}`);
        properties = '';
      } else if (token === 'EMC') depth--;
      else if (depth === 0) untaggedText++;
    }
  }
  const orphanMcids = [...[...marked].filter((id) => !claimed.has(id)), ...[...claimed].filter((id) => !marked.has(id))];

  const fonts = Object.values(objects)
    .map((entry) => entry.value as Record<string, Json> | undefined)
    .filter((value): value is Record<string, Json> => value?.['/Type'] === '/Font' && value['/Subtype'] !== '/CIDFontType2' && value['/Subtype'] !== '/CIDFontType0')
    .map((font) => {
      // A composite (Type0) font's glyphs are in its descendant: that is the one with a descriptor.
      const described = font['/Subtype'] === '/Type0' ? dict((resolve(font['/DescendantFonts']) as Json[])[0]) : font;
      const descriptor = dict(described['/FontDescriptor']);
      return {
        name: String(font['/BaseFont']).slice(1),
        subtype: String(font['/Subtype']).slice(1),
        embedded: ['/FontFile', '/FontFile2', '/FontFile3'].some((key) => descriptor[key] !== undefined),
      };
    });

  return {
    header: bytes.subarray(0, 8).toString('latin1'),
    catalog: Object.fromEntries(Object.entries(catalog).map(([key, value]) => [key.slice(1), resolve(value)])),
    info,
    xmp: streamText(catalog['/Metadata']),
    structure,
    fonts,
    untaggedText,
    orphanMcids,
    text,
  };
}

/** Every element's type, depth first. */
export function structureTypes(node: StructNode): string[] {
  return [node.type, ...node.children.flatMap(structureTypes)];
}
