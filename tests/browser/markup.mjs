// Markup validation of a page as served (server-rendered HTML) or as rendered (the console: the DOM
// after React, `page.content()`), with html-validate (pure JS, tests/e2e's devDependency) and a rule set
// close to the errors of the Nu HTML Checker (validator.w3.org/nu): duplicate ids and attributes, the
// content model (what may nest where — no interactive content inside a link or a button, no <div> in a
// <p>, lists hold <li>), required attributes and children, allowed attribute values, ARIA references
// and roles, deprecated elements and attributes. Style rules (quoting, casing, inline styles) and the
// accessibility advice axe already gives are not part of it.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { HtmlValidate } = await import(require.resolve('html-validate'));

const RULES = {
  // ids and attributes
  'no-dup-id': 'error',
  'no-dup-attr': 'error',
  'valid-id': ['error', { relaxed: true }], // HTML5: non-empty, no whitespace (a digit first is valid)
  'no-missing-references': 'error', // aria-labelledby, aria-describedby, aria-controls, for, list
  // the content model
  'element-permitted-content': 'error', // includes interactive content in <a> and <button>
  'element-permitted-occurrences': 'error',
  'element-permitted-order': 'error',
  'element-permitted-parent': 'error',
  'element-required-ancestor': 'error',
  'element-required-content': 'error',
  'element-required-attributes': 'error',
  'element-name': 'error',
  'no-unknown-elements': 'error',
  'no-multiple-main': 'error',
  'void-content': 'error',
  'close-order': 'error',
  'close-attr': 'error',
  // attribute values, ARIA
  'attribute-allowed-values': 'error',
  'attribute-misuse': 'error',
  'valid-autocomplete': 'error',
  'input-attributes': 'error',
  'aria-label-misuse': 'error',
  'aria-hidden-body': 'error',
  'no-abstract-role': 'error',
  'map-dup-name': 'error',
  'unrecognized-char-ref': 'error',
  // obsolete HTML
  deprecated: 'error',
  'no-deprecated-attr': 'error',
  'no-conditional-comment': 'error',
};

const validator = new HtmlValidate({ root: true, extends: [], rules: RULES });

/** The markup errors of a document: "rule: message — selector (line:column)", empty when valid. */
export async function markupErrors(html) {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} — ${m.selector ?? ''} (${m.line}:${m.column})`));
}
