/** Turn a JSON.parse error into a 1-based line and column. */
export function jsonErrorPosition(text: string, err: unknown): { line: number; column: number; message: string } {
  const raw = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(raw);
  const offset = m ? Number(m[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const message = raw.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return { line, column, message };
}
