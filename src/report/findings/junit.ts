/**
 * JUnit XML for CI test reports (GitLab, Jenkins): each input file is a test suite, each finding
 * a failed test case. A clean input still gets one passing case, so CI counts a pass instead of
 * "no tests". GitLab identifies a case by classname + name and silently drops duplicates, so
 * every name is made unique.
 */
import type { Finding } from '../../core/finding.js';
import { ruleDocsUrl } from './docs-url.js';
import { normalizeRelative } from '../../core/paths.js';
import type { Renderer } from './renderer.js';
import { locationText, remediationLine } from './wording.js';

/** Suite of the findings about live OCI resources (oke-cni check). */
export const LIVE_SUITE = 'live';
const PASS_CLASSNAME = 'oke-cni';

/** Characters XML 1.0 forbids even as references (§2.2 Char): dropped. Lone surrogates included. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(s: string): string {
  return s
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** Attribute values: also keep tabs and newlines, which attribute normalization would turn into spaces. */
function escapeAttribute(s: string): string {
  return escapeXml(s).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

interface TestCase {
  classname: string;
  name: string;
  failure?: { type: string; message: string; details: string };
}

interface TestSuite {
  name: string;
  cases: TestCase[];
}

function failureDetails(f: Finding): string {
  const lines = [`${f.severity} ${f.ruleId} at ${locationText(f.location)}`, f.message, remediationLine(f), `docs: ${ruleDocsUrl(f.ruleId)}`];
  return lines.filter((line) => line !== null).join('\n');
}

function suitesFor(findings: readonly Finding[], inputs: readonly string[]): TestSuite[] {
  const suites = new Map<string, TestSuite>();
  const suite = (key: string, name: string): TestSuite => {
    let s = suites.get(key);
    if (!s) {
      s = { name, cases: [] };
      suites.set(key, s);
    }
    return s;
  };
  for (const input of inputs) suite(`file\0${normalizeRelative(input)}`, input);

  const used = new Set<string>();
  for (const f of findings) {
    const loc = f.location;
    const target = loc.kind === 'file' ? suite(`file\0${normalizeRelative(loc.file)}`, loc.file) : suite('live', LIVE_SUITE);
    const base = `${f.ruleId} at ${locationText(loc)}`;
    let name = base;
    for (let n = 2; used.has(`${f.ruleId}\0${name}`); n++) name = `${base} (${n})`;
    used.add(`${f.ruleId}\0${name}`);
    target.cases.push({ classname: f.ruleId, name, failure: { type: f.severity, message: f.message, details: failureDetails(f) } });
  }

  for (const s of suites.values()) {
    if (s.cases.length === 0) s.cases.push({ classname: PASS_CLASSNAME, name: `oke-cni lint ${s.name}` });
  }
  if (suites.size === 0) suites.set('live', { name: LIVE_SUITE, cases: [{ classname: PASS_CLASSNAME, name: 'oke-cni check' }] });
  return [...suites.values()];
}

function renderCase(c: TestCase): string[] {
  const open = `    <testcase classname="${escapeAttribute(c.classname)}" name="${escapeAttribute(c.name)}"`;
  if (!c.failure) return [`${open}/>`];
  return [
    `${open}>`,
    `      <failure type="${escapeAttribute(c.failure.type)}" message="${escapeAttribute(c.failure.message)}">${escapeXml(c.failure.details)}</failure>`,
    '    </testcase>',
  ];
}

export const renderJunit: Renderer = (findings, ctx) => {
  const suites = suitesFor(findings, ctx.inputs);
  const count = (cases: TestCase[]) => ({ tests: cases.length, failures: cases.filter((c) => c.failure).length });
  const all = count(suites.flatMap((s) => s.cases));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="oke-cni" tests="${all.tests}" failures="${all.failures}">`];
  for (const s of suites) {
    const n = count(s.cases);
    lines.push(`  <testsuite name="${escapeAttribute(s.name)}" tests="${n.tests}" failures="${n.failures}">`);
    for (const c of s.cases) lines.push(...renderCase(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};
