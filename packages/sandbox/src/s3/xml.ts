import { XMLParser } from 'fast-xml-parser';
import { malformedXml } from './s3Error.js';

/** The namespace of every S3 response document. */
const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A node of a response document: text, a list of repeated children, or children by name. */
export type XmlNode = string | number | boolean | undefined | readonly XmlNode[] | { readonly [name: string]: XmlNode };

/**
 * Serialises an S3 response document. An array under a name repeats the
 * element (S3's lists are flattened: `<Contents>…</Contents><Contents>…`);
 * undefined members are left out.
 */
export function xmlDocument(root: string, body: { readonly [name: string]: XmlNode }, namespaced = true): string {
  const attrs = namespaced ? ` xmlns="${NS}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attrs}>${children(body)}</${root}>`;
}

function children(body: { readonly [name: string]: XmlNode }): string {
  return Object.entries(body)
    .map(([name, value]) => element(name, value))
    .join('');
}

function element(name: string, value: XmlNode): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => element(name, v as XmlNode)).join('');
  if (typeof value === 'object') return `<${name}>${children(value as { readonly [n: string]: XmlNode })}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"'\r]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c] as string,
  );
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: () => false });

/** Parses a request document; anything not well-formed is S3's MalformedXML. */
export function parseXml(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (!text.trim().startsWith('<')) throw malformedXml();
  try {
    return parser.parse(text, true) as Record<string, unknown>;
  } catch {
    throw malformedXml();
  }
}
