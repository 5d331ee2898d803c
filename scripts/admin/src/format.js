// The YAML of a laureate file, read and written the way the communications team writes it.
//
// Sveltia's own YAML writer rewrites the whole file: it drops the schema line and the
// comments and changes the quoting. This one keeps the file's own text for every top-level
// key (and every testimonial or link) whose value did not change, and writes only what did,
// with the project's conventions: `department: "35"`, `theme: [a, b]`, `>-` for long plain
// texts, `|` for the story, and the file's own line endings (a file saved on Windows keeps
// its CRLF). Saving an unchanged file gives the same bytes; changing a title changes one
// line. A new file starts with the schema line, as `make new` writes it.
import { Document, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';

export const FORMAT = 'showcase-yaml';
export const SCHEMA_LINE = '# yaml-language-server: $schema=../docs/schema/laureat.schema.json';
// The text the entry was read from travels with its data: the CMS keeps keys that are not
// fields, and gives them back to toFile.
const SOURCE = 'showcase_source_text';
const WIDTH = 80;

export function fromFile(text) {
  const document = parseDocument(text);
  if (document.errors.length) {
    throw document.errors[0];
  }
  const data = document.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {};
  }
  return { ...data, [SOURCE]: text };
}

export function toFile(content) {
  const { [SOURCE]: source, ...data } = content;
  const values = withoutEmpty(data);
  if (typeof source === 'string') {
    return patchFile(source, values);
  }
  return `${SCHEMA_LINE}\n${Object.entries(values).map(([k, v]) => entryText(k, v, 0)).join('')}`;
}

// --- Keeping what did not change --------------------------------------------------------

function patchFile(source, values) {
  // What we write takes the file's line endings; what we keep is kept byte for byte.
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const entry = (key, value) => withEnding(entryText(key, value, 0), eol);
  const document = parseDocument(source);
  const map = document.contents;
  if (!isMap(map) || map.flow) {
    return Object.entries(values).map(([k, v]) => entry(k, v)).join('');
  }
  const lines = lineIndex(source);
  const pairs = map.items.map((pair, i) => ({
    key: String(pair.key.value),
    node: pair.value,
    ...region(source, lines, pair.key.range[0], map.items[i + 1]?.key.range[0], 0),
  }));
  const head = source.slice(0, pairs.length ? pairs[0].start : source.length);
  const old = new Map(pairs.map((p) => [p.key, p]));
  let text = head;
  const order = Object.keys(values);
  const firstKept = order.findIndex((key) => old.has(key));
  for (const key of firstKept < 0 ? [] : order.slice(0, firstKept)) {
    text = append(text, entry(key, values[key]), eol);
  }
  for (const pair of pairs) {
    if (pair.key in values) {
      text += changedPair(source, pair, values[pair.key], eol);
    }
    text += source.slice(pair.valueEnd, pair.end); // comments before the next key stay
    // keys the form added after this one, in the form's order, before the next old key
    for (const key of addedAfter(pair.key, order, old)) {
      text = append(text, entry(key, values[key]), eol);
    }
  }
  if (!pairs.length) {
    text += Object.entries(values).map(([k, v]) => entry(k, v)).join('');
  }
  return text;
}

function changedPair(source, pair, value, eol) {
  const before = pair.node === null ? null : pair.node.toJSON();
  if (same(before, value)) {
    return source.slice(pair.start, pair.valueEnd);
  }
  if (isSeq(pair.node) && !pair.node.flow && Array.isArray(value) && isObjectList(value)) {
    return `${pair.key}:${eol}${patchList(source, pair.node, value, 2, eol)}`;
  }
  return withEnding(entryText(pair.key, value, 0), eol);
}

// A list of testimonials or links: unchanged items keep their text, and so do the comments
// between items.
function patchList(source, seq, values, indent, eol) {
  const lines = lineIndex(source);
  const items = seq.items.map((item, i) => ({
    node: item,
    ...region(source, lines, item.range[0], seq.items[i + 1]?.range[0], indent),
  }));
  let text = '';
  values.forEach((value, i) => {
    const item = items[i];
    if (item === undefined) {
      text = append(text, withEnding(itemText(value, indent), eol), eol);
      return;
    }
    text += same(item.node.toJSON(), value)
      ? source.slice(item.start, item.valueEnd) : withEnding(itemText(value, indent), eol);
    text += source.slice(item.valueEnd, item.end);
  });
  return text;
}

// The last line of a file has no newline (the CMS trims what it reads).
function append(text, more, eol) {
  return text === '' || text.endsWith('\n') ? text + more : `${text}${eol}${more}`;
}

function withEnding(text, eol) {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function addedAfter(key, order, old) {
  const added = [];
  for (const next of order.slice(order.indexOf(key) + 1)) {
    if (old.has(next)) {
      break;
    }
    added.push(next);
  }
  return order.includes(key) ? added : [];
}

// The lines of one key or item: from the start of its first line to the start of the next
// one's, split where the comments and blank lines that lead to the next one begin.
function region(source, lines, from, next, indent) {
  const start = lines.startOf(from);
  const end = next === undefined ? source.length : lines.startOf(next);
  let valueEnd = end;
  while (valueEnd > start) {
    const lineStart = lines.startOf(valueEnd - 1);
    const line = source.slice(lineStart, valueEnd);
    const trimmed = line.trim();
    const leading = line.length - line.trimStart().length;
    if (lineStart === start || !(trimmed === '' || (trimmed.startsWith('#') && leading <= indent))) {
      break;
    }
    valueEnd = lineStart;
  }
  return { start, end, valueEnd };
}

function lineIndex(source) {
  return {
    startOf(offset) {
      return source.lastIndexOf('\n', offset - 1) + 1;
    },
  };
}

// --- Comparing what the form gives with what the file says --------------------------------

function withoutEmpty(value) {
  if (Array.isArray(value)) {
    return value.map(withoutEmpty).filter((v) => v !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, withoutEmpty(v)])
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)
        && !(v !== null && typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length));
    return Object.fromEntries(entries);
  }
  if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) {
    return undefined;
  }
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value;
}

// The same value as the site reads it: plain texts with their spaces folded, "35" and 35 alike.
function same(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? a : [a];
    const right = Array.isArray(b) ? b : [b];
    return left.length === right.length && left.every((v, i) => same(v, right[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(withoutEmpty(a)), ...Object.keys(withoutEmpty(b))]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  const empty = (v) => v === null || v === undefined || (typeof v === 'string' && !v.trim());
  if (empty(a) || empty(b)) {
    return empty(a) && empty(b);
  }
  const text = (v) => (typeof v === 'string' && v.includes('\n') && v.trim().includes('\n')
    ? v.trim() : String(v).split(/\s+/).join(' ').trim());
  return text(a) === text(b);
}

function isObjectList(values) {
  return values.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
}

// --- Writing a changed value the team's way ----------------------------------------------

function entryText(key, value, indent) {
  return styled({ [key]: value }, indent);
}

function itemText(value, indent) {
  return styled([value], indent);
}

function styled(value, indent) {
  const document = new Document(value);
  visit(document, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') {
        return;
      }
      if (node.value.trim().includes('\n')) {
        node.value = `${node.value.trim()}\n`; // `|`, as the story is written
        node.type = 'BLOCK_LITERAL';
      }
    },
    Pair(_, pair) {
      const node = pair.value;
      if (isScalar(node) && node.type === undefined && typeof node.value === 'string'
          && !node.value.includes('\n') && `${pair.key.value}: ${node.value}`.length + indent > WIDTH) {
        node.type = 'BLOCK_FOLDED'; // `>-`: a long plain text on several lines
      }
    },
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) {
        node.flow = true; // theme: [a, b]
      }
    },
  });
  const text = document.toString({
    lineWidth: WIDTH - indent,
    minContentWidth: 20,
    indentSeq: true,
    singleQuote: false,
    flowCollectionPadding: false,
  });
  const pad = ' '.repeat(indent);
  return text.split('\n').map((line) => (line ? pad + line : line)).join('\n').replace(/\n*$/, '\n');
}
