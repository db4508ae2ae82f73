// A small, strict XML reader and writer for KeePass's XML. The service worker
// has no DOMParser, and KeePass XML needs little: elements, attributes, text,
// the five named entities, character references and CDATA. DTDs are refused
// (no entity expansion), and so is anything malformed.
import { corrupt } from '../errors';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (KeePass never mixes text and elements meaningfully). */
  text: string;
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_DEPTH = 256;

function fail(problem: string): never {
  return corrupt(`The KeePass file's XML is damaged: ${problem}.`);
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{0,10});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) fail(`a "&" is not followed by an entity`);
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isInteger(code) || code < 0 || code > 0x10ffff || !/^#(x[0-9a-f]+|\d+)$/i.test(name)) fail(`bad character reference &${name};`);
      return String.fromCodePoint(code);
    }
    const value = NAMED[name];
    if (value === undefined) fail(`unknown entity &${name};`);
    return value;
  });
}

const NAME = /^[A-Za-z_:][\w:.-]*$/;

function parseTag(source: string): { name: string; attributes: Record<string, string> } {
  const match = /^([^\s/>]+)/.exec(source);
  if (!match || !NAME.test(match[1]!)) fail(`bad element name in <${source.slice(0, 30)}>`);
  const name = match[1]!;
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  let rest = source.slice(name.length);
  const attribute = /^\s+([A-Za-z_:][\w:.-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/;
  for (;;) {
    const m = attribute.exec(rest);
    if (!m) break;
    attributes[m[1]!] = decodeEntities(m[3] ?? m[4] ?? '');
    rest = rest.slice(m[0].length);
  }
  if (rest.trim() !== '') fail(`unexpected ${JSON.stringify(rest.trim().slice(0, 20))} in <${name}>`);
  return { name, attributes };
}

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let pos = 0;
  const text = (chunk: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += chunk;
    else if (chunk.trim() !== '') fail('text outside the root element');
  };
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      text(decodeEntities(xml.slice(pos)));
      break;
    }
    if (lt > pos) text(decodeEntities(xml.slice(pos, lt)));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) fail('a comment is never closed');
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) fail('a CDATA section is never closed');
      text(xml.slice(lt + 9, end));
      pos = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) fail('a processing instruction is never closed');
      pos = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      fail('document type declarations are not allowed');
    } else {
      const gt = xml.indexOf('>', lt + 1);
      if (gt < 0) fail('a tag is never closed (the file may be truncated)');
      const inner = xml.slice(lt + 1, gt);
      pos = gt + 1;
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim();
        const open = stack.pop();
        if (!open || open.name !== name) fail(`</${name}> does not close ${open ? `<${open.name}>` : 'any element'}`);
        continue;
      }
      const selfClosing = inner.endsWith('/');
      const { name, attributes } = parseTag(selfClosing ? inner.slice(0, -1) : inner);
      const element: XmlElement = { name, attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail('more than one root element');
      else root = element;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is never closed (the file may be truncated)`);
  if (!root) fail('there is no root element');
  return root;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childText(element: XmlElement, name: string): string {
  return child(element, name)?.text ?? '';
}

/** Every element in document order (the order protected values were encrypted in). */
export function* walk(element: XmlElement): Generator<XmlElement> {
  const pending: XmlElement[] = [element];
  while (pending.length > 0) {
    const next = pending.pop()!;
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i]!);
  }
}

// ---------------------------------------------------------------------------
// Writing

/** Characters XML 1.0 cannot hold at all, even escaped; KeePass drops them too. */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what this strips
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** <name>escaped text</name> */
export function el(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  return text === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

/** <name>already-built children</name> */
export function wrap(name: string, ...children: string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}
