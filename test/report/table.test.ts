import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnWidths, displayWidth, renderBoxTable, wrapWords, type TableColumn } from '../../src/report/table.js';

describe('displayWidth', () => {
  it('counts terminal columns: no ANSI codes, wide characters two, combining marks none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('\u001b[31mred\u001b[39m')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('█░✔')).toBe(3);
  });
});

describe('wrapWords', () => {
  it('fills lines greedily and keeps a word longer than the width whole', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapWords('a ocid1.subnet.oc1..aaaa b', 5)).toEqual(['a', 'ocid1.subnet.oc1..aaaa', 'b']);
  });
});

describe('renderBoxTable', () => {
  const columns: TableColumn[] = [{ header: 'name' }, { header: 'n', align: 'right' }, { header: 'text', wrap: 'words' }];
  it('draws the box with a header rule, pads cells, right-aligns numbers', () => {
    expect(renderBoxTable(columns, [['a', '1', 'x y'], ['bb', '22', 'z']], { width: 100 })).toBe(
      [
        '┌──────┬────┬──────┐',
        '│ name │  n │ text │',
        '├──────┼────┼──────┤',
        '│ a    │  1 │ x y  │',
        '│ bb   │ 22 │ z    │',
        '└──────┴────┴──────┘',
      ].join('\n'),
    );
  });

  it('wraps only the words column, between words, to fit the width', () => {
    const out = renderBoxTable(columns, [['pool-1', '3', 'one two three four five']], { width: 24 });
    expect(out.split('\n')).toEqual([
      '┌────────┬───┬─────────┐',
      '│ name   │ n │ text    │',
      '├────────┼───┼─────────┤',
      '│ pool-1 │ 3 │ one two │',
      '│        │   │ three   │',
      '│        │   │ four    │',
      '│        │   │ five    │',
      '└────────┴───┴─────────┘',
    ]);
  });

  it('row rules between body rows when asked', () => {
    const out = renderBoxTable([{ header: 'a' }], [['1'], ['2']], { width: 80, rowRules: true });
    expect(out.split('\n')).toEqual(['┌───┐', '│ a │', '├───┤', '│ 1 │', '├───┤', '│ 2 │', '└───┘']);
  });

  it('a header-only wrap column keeps its cells whole', () => {
    const cols: TableColumn[] = [{ header: 'planned at largest', wrap: 'header' }];
    expect(renderBoxTable(cols, [['1067 (6.5%)']], { width: 10 }).split('\n')).toEqual([
      '┌─────────────┐',
      '│ planned at  │',
      '│ largest     │',
      '├─────────────┤',
      '│ 1067 (6.5%) │',
      '└─────────────┘',
    ]);
  });

  it('never breaks a token: every word of every cell appears whole, whatever the width (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9./:-]{1,30}$/);
    const cell = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(fc.tuple(word, cell, cell), { minLength: 1, maxLength: 5 }), fc.integer({ min: 10, max: 200 }), (rows, width) => {
        const cols: TableColumn[] = [{ header: 'name' }, { header: 'text', wrap: 'words' }, { header: 'more', wrap: 'words' }];
        const out = renderBoxTable(cols, rows, { width });
        const tokens = new Set(out.split(/[\s│┌┐└┘├┤┬┴┼─]+/).filter(Boolean));
        for (const [name, a, b] of rows) for (const w of [name, ...a.split(' '), ...b.split(' ')]) expect(tokens.has(w)).toBe(true);
        // Fits whenever the longest words allow it.
        const widths = columnWidths(cols, rows, width);
        const lines = out.split('\n');
        for (const line of lines) expect(displayWidth(line)).toBe(widths.reduce((x, y) => x + y, 0) + 3 * cols.length + 1);
        const floor = Math.max(...rows.map((r) => displayWidth(r[0])), 4) + Math.max(...rows.flatMap((r) => r[1].split(' ').map(displayWidth)), 4) + Math.max(...rows.flatMap((r) => r[2].split(' ').map(displayWidth)), 4) + 10;
        if (floor <= width) expect(displayWidth(lines[0] as string)).toBeLessThanOrEqual(width);
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
