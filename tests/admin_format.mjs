// Runs the form's YAML writer (scripts/admin/src/format.js) on the real files, for
// tests/test_admin_format.py: reads a JSON list of cases on stdin, prints the results.
import { fromFile, toFile } from '../scripts/admin/src/format.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = cases.map(({ text, changes, remove, order }) => {
  // As the CMS does (with build.mjs's edits): the text it reads is trimmed, and what it writes
  // ends with one line ending, CRLF when the text uses them.
  const data = text === null ? {} : fromFile(text.trim());
  for (const key of remove ?? []) delete data[key];
  Object.assign(data, changes ?? {});
  // The CMS gives the values in the order of the form's fields.
  const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => rank(order, a) - rank(order, b)));
  const written = toFile(sorted).trim();
  return `${written}${written.includes('\r\n') ? '\r\n' : '\n'}`;
});
process.stdout.write(JSON.stringify(results));

function rank(order, key) {
  const index = (order ?? []).indexOf(key);
  return index < 0 ? Infinity : index;
}
