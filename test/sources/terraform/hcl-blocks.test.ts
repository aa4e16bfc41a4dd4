/** The .tf block locator (src/sources/terraform/hcl-blocks.ts): headers found, and nothing hidden in comments, strings or heredocs. */
import { describe, expect, it } from 'vitest';
import { findResourceBlocks } from '../../../src/sources/terraform/hcl-blocks.js';

describe('findResourceBlocks', () => {
  it('finds resource and data blocks at their keyword, quoted or bare labels', () => {
    const text = [
      'resource "oci_core_subnet" "pods" {',
      '  cidr_block = "10.0.64.0/18"',
      '}',
      '',
      '  data "oci_core_vcn" "main" {',
      '}',
      'resource oci_containerengine_node_pool general {}',
    ].join('\n');
    expect(findResourceBlocks(text)).toEqual([
      { mode: 'managed', type: 'oci_core_subnet', name: 'pods', line: 1, column: 1 },
      { mode: 'data', type: 'oci_core_vcn', name: 'main', line: 5, column: 3 },
      { mode: 'managed', type: 'oci_containerengine_node_pool', name: 'general', line: 7, column: 1 },
    ]);
  });

  it('skips comments, strings with braces and templates, heredocs, and nested blocks', () => {
    const text = [
      '# resource "a" "hash" {',
      '// resource "a" "slashes" {',
      '/* resource "a" "block" {',
      '   } */',
      'locals {',
      '  doc = <<-EOT',
      '    resource "a" "heredoc" {',
      '    }}}',
      '  EOT',
      '  tpl = "${join("}", ["{"])} \\" resource \\"a\\" \\"s\\" {"',
      '  x = "%{ if true }}{%{ endif }"',
      '  resource "a" "nested" {}',
      '}',
      'resource "oci_core_vcn" "after" {',
      '}',
    ].join('\n');
    expect(findResourceBlocks(text)).toEqual([{ mode: 'managed', type: 'oci_core_vcn', name: 'after', line: 14, column: 1 }]);
  });

  it('an unterminated string or heredoc ends the scan without a crash', () => {
    expect(findResourceBlocks('x = "open\nresource "a" "b" {}\n')).toEqual([{ mode: 'managed', type: 'a', name: 'b', line: 2, column: 1 }]);
    expect(findResourceBlocks('x = <<EOT\nresource "a" "b" {}\n')).toEqual([]);
    expect(findResourceBlocks('resource "a" "b"')).toEqual([]);
  });
});
