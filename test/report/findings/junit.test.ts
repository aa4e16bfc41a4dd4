import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { renderFindings } from '../../../src/report/findings/index.js';
import { FINDINGS, context } from './sample.js';

const DOCS = 'https://github.com/oke-cni/oke-cni/blob/main/docs/rules.md';

describe('junit format', () => {
  it('has one suite per input file and "live" for OCI resources, one failed case per finding', () => {
    expect(renderFindings('junit', FINDINGS, context())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="oke-cni" tests="3" failures="3">',
        '  <testsuite name="examples/cluster.yaml" tests="2" failures="2">',
        '    <testcase classname="pod-subnet-too-small" name="pod-subnet-too-small at examples/cluster.yaml:12:5">',
        '      <failure type="error" message="Pod subnet &quot;pods&quot; (10.0.64.0/24) has 253 usable addresses; node pool &quot;np1&quot; needs 341.">error pod-subnet-too-small at examples/cluster.yaml:12:5',
        'Pod subnet &quot;pods&quot; (10.0.64.0/24) has 253 usable addresses; node pool &quot;np1&quot; needs 341.',
        'fix: Use a /22 or larger pod subnet.',
        `docs: ${DOCS}#pod-subnet-too-small</failure>`,
        '    </testcase>',
        '    <testcase classname="max-pods-above-shape" name="max-pods-above-shape at examples/cluster.yaml:4:3">',
        '      <failure type="warning" message="Node pool &quot;np1&quot; asks for maxPodsPerNode 93 but VM.Standard.E4.Flex with 1 OCPU carries 31.">warning max-pods-above-shape at examples/cluster.yaml:4:3',
        'Node pool &quot;np1&quot; asks for maxPodsPerNode 93 but VM.Standard.E4.Flex with 1 OCPU carries 31.',
        'fix: Set maxPodsPerNode to at most 31, or give the pool 3 OCPUs.',
        `docs: ${DOCS}#max-pods-above-shape</failure>`,
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="live" tests="1" failures="1">',
        '    <testcase classname="pod-subnet-headroom" name="pod-subnet-headroom at Subnet pods (ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaexample)">',
        '      <failure type="note" message="Pod subnet &quot;pods&quot; would be 91% full at the pool&apos;s maximum size.">note pod-subnet-headroom at Subnet pods (ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaexample)',
        'Pod subnet &quot;pods&quot; would be 91% full at the pool&apos;s maximum size.',
        'fix: Plan a /21 before the pool grows past 6 nodes.',
        `docs: ${DOCS}#pod-subnet-headroom</failure>`,
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('gives two identical findings unique names, since GitLab drops a repeated classname + name', () => {
    const twice = [FINDINGS[0]!, FINDINGS[0]!, FINDINGS[0]!];
    const names = [...renderFindings('junit', twice, context()).matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]}|${m[2]}`);
    expect(names).toEqual([
      'pod-subnet-too-small|pod-subnet-too-small at examples/cluster.yaml:12:5',
      'pod-subnet-too-small|pod-subnet-too-small at examples/cluster.yaml:12:5 (2)',
      'pod-subnet-too-small|pod-subnet-too-small at examples/cluster.yaml:12:5 (3)',
    ]);
  });

  it('escapes XML specials and drops characters XML 1.0 cannot carry', () => {
    const nasty: Finding = {
      ruleId: 'pod-subnet-too-small',
      severity: 'error',
      // & < > " ' must be escaped; NUL, ESC, U+FFFE and a lone surrogate are not XML 1.0 characters at all.
      message: `a & b < c > d "e" 'f'\u0000\u001b[31m\uFFFE\uD800 tab\there\r\nnext 😀`,
      remediation: 'Use ]]> nowhere.',
      location: { kind: 'file', file: 'x&y<z>.yaml', line: 2, column: 1 },
    };
    const out = renderFindings('junit', [nasty], context({ inputs: ['x&y<z>.yaml'] }));
    expect(out).toContain('<testsuite name="x&amp;y&lt;z&gt;.yaml" tests="1" failures="1">');
    expect(out).toContain('<testcase classname="pod-subnet-too-small" name="pod-subnet-too-small at x&amp;y&lt;z&gt;.yaml:2:1">');
    // In an attribute, tab, CR and LF are written as references so parsers keep them.
    expect(out).toContain(
      '<failure type="error" message="a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;[31m tab&#9;here&#13;&#10;next 😀">',
    );
    // In text, a tab and LF stay as they are; CR becomes a reference (else it is normalized away).
    expect(out).toContain("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;[31m tab\there&#13;\nnext 😀\nfix: Use ]]&gt; nowhere.");
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('emits one passing case per input when nothing was found, so CI counts a pass', () => {
    expect(renderFindings('junit', [], context({ inputs: ['a.yaml', 'envs/b.json'] }))).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="oke-cni" tests="2" failures="0">',
        '  <testsuite name="a.yaml" tests="1" failures="0">',
        '    <testcase classname="oke-cni" name="oke-cni lint a.yaml"/>',
        '  </testsuite>',
        '  <testsuite name="envs/b.json" tests="1" failures="0">',
        '    <testcase classname="oke-cni" name="oke-cni lint envs/b.json"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('passes a clean input next to one with findings, and matches "./x" to "x"', () => {
    const out = renderFindings('junit', [FINDINGS[0]!], context({ inputs: ['./examples/cluster.yaml', 'clean.yaml'] }));
    expect(out).toContain('<testsuites name="oke-cni" tests="2" failures="1">');
    expect(out).toContain('<testsuite name="./examples/cluster.yaml" tests="1" failures="1">');
    expect(out).toContain('  <testsuite name="clean.yaml" tests="1" failures="0">\n    <testcase classname="oke-cni" name="oke-cni lint clean.yaml"/>');
    expect(out.match(/<testsuite /g)).toHaveLength(2);
  });

  it('passes a clean live check as one "oke-cni check" case', () => {
    expect(renderFindings('junit', [], context({ inputs: [] }))).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="oke-cni" tests="1" failures="0">',
        '  <testsuite name="live" tests="1" failures="0">',
        '    <testcase classname="oke-cni" name="oke-cni check"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});

describe('junit format, read back by an XML parser', () => {
  it('is well-formed and every attribute and text reads back as written', () => {
    const nasty: Finding = {
      ruleId: 'pod-subnet-too-small',
      severity: 'error',
      message: `a & b < c > d "e" 'f' tab\there\r\nnext\u0000 ]]> 😀`,
      remediation: 'Use a /22.',
      location: { kind: 'file', file: 'x&y<z>.yaml', line: 2, column: 1 },
    };
    const xml = renderFindings('junit', [...FINDINGS, nasty, nasty], context({ inputs: ['examples/cluster.yaml', 'x&y<z>.yaml', 'clean.yaml'] }));
    // Python's expat is a strict XML 1.0 parser and is on every machine of this kind.
    const script = [
      'import json, sys, xml.etree.ElementTree as ET',
      'root = ET.fromstring(sys.stdin.buffer.read())',
      'out = {"tests": root.get("tests"), "failures": root.get("failures"), "suites": []}',
      'for s in root.iter("testsuite"):',
      '    out["suites"].append({"name": s.get("name"), "tests": s.get("tests"), "cases": [',
      '        {"classname": c.get("classname"), "name": c.get("name"),',
      '         "failure": None if c.find("failure") is None else {"type": c.find("failure").get("type"), "message": c.find("failure").get("message"), "text": c.find("failure").text}}',
      '        for c in s.iter("testcase")]})',
      'print(json.dumps(out))',
    ].join('\n');
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' }));
    expect(parsed.tests).toBe('6');
    expect(parsed.failures).toBe('5');
    expect(parsed.suites.map((s: { name: string; tests: string }) => `${s.name}:${s.tests}`)).toEqual(['examples/cluster.yaml:2', 'x&y<z>.yaml:2', 'clean.yaml:1', 'live:1']);
    const nastyCases = parsed.suites[1].cases;
    expect(nastyCases.map((c: { name: string }) => c.name)).toEqual(['pod-subnet-too-small at x&y<z>.yaml:2:1', 'pod-subnet-too-small at x&y<z>.yaml:2:1 (2)']);
    // Only the NUL is gone; tab, CR and LF survive attribute-value normalization.
    expect(nastyCases[0].failure.message).toBe(`a & b < c > d "e" 'f' tab\there\r\nnext ]]> 😀`);
    expect(nastyCases[0].failure.text).toBe(
      `error pod-subnet-too-small at x&y<z>.yaml:2:1\na & b < c > d "e" 'f' tab\there\r\nnext ]]> 😀\nfix: Use a /22.\ndocs: ${DOCS}#pod-subnet-too-small`,
    );
    expect(parsed.suites[2].cases).toEqual([{ classname: 'oke-cni', name: 'oke-cni lint clean.yaml', failure: null }]);
  });
});
