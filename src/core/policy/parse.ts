/**
 * OCI IAM policy statements, parsed as OCI reads them ("Policy Syntax",
 * https://docs.oracle.com/en-us/iaas/Content/Identity/Concepts/policysyntax.htm, 2024-09-26):
 *
 *   Allow <subject> to <verb> <resource-type> in <location> where <conditions>
 *
 * "Spare spaces or line breaks in the statement have no effect." Keywords (Allow, to, in, where,
 * any/all, group, tenancy, ...) are matched regardless of case: Oracle's own examples write both
 * `Allow`/`allow` and `where ALL {`/`where all {` (inferred: the page does not say it). Only
 * `Allow` statements grant anything; `Define`, `Endorse` and `Admit` (cross-tenancy) are
 * recognised and set aside.
 */

export type Verb = 'inspect' | 'read' | 'use' | 'manage';
/** "inspect < read < use < manage: each verb includes the previous" (Policy Reference, "Verbs"). */
export const VERBS: readonly Verb[] = ['inspect', 'read', 'use', 'manage'];

export type Subject =
  | { kind: 'any-user' }
  | { kind: 'any-group' }
  | { kind: 'group' | 'dynamic-group' | 'service'; names: string[]; ids: string[] };

export type Location =
  | { kind: 'tenancy' }
  | { kind: 'compartment-id'; id: string }
  /** A name, or a path A:B:C, resolved against the policy's attachment compartment. */
  | { kind: 'compartment-path'; path: string[] };

export type Value = { kind: 'string'; text: string } | { kind: 'pattern'; text: string } | { kind: 'variable'; name: string };

export type Condition =
  | { kind: 'compare'; variable: string; op: '=' | '!='; value: Value }
  /** A clause the parser recognises as a clause but not its operator (before, after, in, between ...). */
  | { kind: 'other'; text: string }
  | { kind: 'any' | 'all'; clauses: Condition[] };

export interface AllowStatement {
  kind: 'allow';
  subjects: Subject[];
  /** A verb, or a list of individual permissions (`{VNIC_READ, ...}`). */
  verb: Verb | { permissions: string[] };
  resourceType: string;
  location: Location;
  condition?: Condition | undefined;
}

export type ParsedStatement =
  | AllowStatement
  | { kind: 'other-verb'; keyword: string }
  | { kind: 'error'; message: string };

type Token =
  | { t: 'word'; v: string }
  | { t: 'string'; v: string }
  | { t: 'pattern'; v: string }
  | { t: 'op'; v: '=' | '!=' }
  | { t: 'punct'; v: '{' | '}' | ',' | '/' | '(' | ')' };

/** Statements longer than this are not read (OCI caps a policy's statements far below it). */
const MAX_STATEMENT_CHARS = 10_000;

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return `unterminated ${ch === "'" ? 'quote' : 'double quote'} at column ${i + 1}`;
      tokens.push({ t: 'string', v: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (ch === '!' && text[i + 1] === '=') {
      tokens.push({ t: 'op', v: '!=' });
      i += 2;
      continue;
    }
    if (ch === '=') {
      tokens.push({ t: 'op', v: '=' });
      i++;
      continue;
    }
    if (ch === '/' && tokens.at(-1)?.t === 'op') {
      const end = text.indexOf('/', i + 1);
      if (end < 0) return `unterminated /pattern/ at column ${i + 1}`;
      tokens.push({ t: 'pattern', v: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if ('{},/()'.includes(ch)) {
      tokens.push({ t: 'punct', v: ch as '{' });
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s'"{},=()]/.test(text[j] as string) && !(text[j] === '!' && text[j + 1] === '=') && text[j] !== '/') j++;
    tokens.push({ t: 'word', v: text.slice(i, j) });
    i = j;
  }
  return tokens;
}

class Parser {
  i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  isWord(word: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok?.t === 'word' && tok.v.toLowerCase() === word;
  }
  isPunct(p: string): boolean {
    const tok = this.peek();
    return tok?.t === 'punct' && tok.v === p;
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  expectWord(word: string): void {
    if (!this.isWord(word)) throw new Error(`expected "${word}"${this.where()}`);
    this.i++;
  }
  where(): string {
    const tok = this.peek();
    return tok ? ` before "${tok.t === 'string' ? `'${tok.v}'` : tok.v}"` : ' at the end';
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

const SUBJECT_KINDS = ['group', 'dynamic-group', 'service'] as const;

function parseSubjects(p: Parser): Subject[] {
  const subjects: Subject[] = [];
  let current: Extract<Subject, { names: string[] }> | undefined;
  for (;;) {
    if (p.isWord('any-user') || p.isWord('any-group')) {
      subjects.push({ kind: (p.next() as { v: string }).v.toLowerCase() as 'any-user' });
      current = undefined;
    } else {
      const kind = SUBJECT_KINDS.find((k) => p.isWord(k));
      if (kind) {
        p.next();
        current = { kind, names: [], ids: [] };
        subjects.push(current);
      } else if (!current) {
        throw new Error(`expected any-user, any-group, group, dynamic-group or service${p.where()}`);
      }
      // one member: `id <ocid>`, `'<domain>'/'<name>'`, `<name>`
      if (p.isWord('id')) {
        p.next();
        const id = p.next();
        if (id?.t !== 'word' && id?.t !== 'string') throw new Error(`expected an OCID after "id"${p.where()}`);
        current.ids.push(id.v);
      } else {
        const name = p.next();
        if (name?.t !== 'word' && name?.t !== 'string') throw new Error(`expected a ${current.kind} name${p.where()}`);
        if (p.isPunct('/')) {
          p.next();
          const member = p.next();
          if (member?.t !== 'word' && member?.t !== 'string') throw new Error(`expected a name after "/"${p.where()}`);
          current.names.push(`${name.v}/${member.v}`);
        } else {
          current.names.push(name.v);
        }
      }
    }
    if (!p.isPunct(',')) break;
    p.next();
  }
  return subjects;
}

function parseValue(p: Parser): Value {
  const tok = p.next();
  if (tok?.t === 'string') return { kind: 'string', text: tok.v };
  if (tok?.t === 'pattern') return { kind: 'pattern', text: tok.v };
  if (tok?.t === 'word') return { kind: 'variable', name: tok.v };
  throw new Error(`expected a value${p.where()}`);
}

function parseCondition(p: Parser, depth: number): Condition {
  if (depth > 20) throw new Error('conditions nested too deeply');
  if ((p.isWord('any') || p.isWord('all')) && p.peek(1)?.t === 'punct' && (p.peek(1) as { v: string }).v === '{') {
    const kind = (p.next() as { v: string }).v.toLowerCase() as 'any' | 'all';
    p.next();
    const clauses: Condition[] = [];
    while (!p.isPunct('}')) {
      if (p.done()) throw new Error(`expected "}" to close ${kind} {`);
      clauses.push(parseCondition(p, depth + 1));
      if (p.isPunct(',')) p.next();
      else if (!p.isPunct('}')) throw new Error(`expected "," or "}"${p.where()}`);
    }
    p.next();
    if (clauses.length === 0) throw new Error(`empty ${kind} { }`);
    return { kind, clauses };
  }
  const variable = p.next();
  if (variable?.t !== 'word') throw new Error(`expected a condition${p.where()}`);
  const op = p.peek();
  if (op?.t === 'op') {
    p.next();
    return { kind: 'compare', variable: variable.v, op: op.v, value: parseValue(p) };
  }
  // `request.utc-timestamp before '...'`, `x in (...)`, ...: keep the clause, but as one the matcher cannot evaluate.
  const parts = [variable.v];
  let parens = 0;
  while (!p.done() && (parens > 0 || (!p.isPunct(',') && !p.isPunct('}')))) {
    const tok = p.next() as Token;
    if (tok.t === 'punct' && tok.v === '(') parens++;
    if (tok.t === 'punct' && tok.v === ')') parens--;
    parts.push(tok.t === 'string' ? `'${tok.v}'` : tok.t === 'pattern' ? `/${tok.v}/` : tok.v);
  }
  return { kind: 'other', text: parts.join(' ') };
}

function parseLocation(p: Parser): Location {
  if (p.isWord('tenancy')) {
    p.next();
    return { kind: 'tenancy' };
  }
  p.expectWord('compartment');
  if (p.isWord('id')) {
    p.next();
    const id = p.next();
    if (id?.t !== 'word' && id?.t !== 'string') throw new Error(`expected an OCID after "compartment id"${p.where()}`);
    return { kind: 'compartment-id', id: id.v };
  }
  const name = p.next();
  if (name?.t !== 'word' && name?.t !== 'string') throw new Error(`expected a compartment name${p.where()}`);
  const path = name.v.split(':');
  if (path.some((part) => part === '')) throw new Error(`"${name.v}" is not a compartment path (A:B:C)`);
  return { kind: 'compartment-path', path };
}

export function parseStatement(text: string): ParsedStatement {
  if (text.length > MAX_STATEMENT_CHARS) return { kind: 'error', message: `longer than ${MAX_STATEMENT_CHARS} characters` };
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { kind: 'error', message: tokens };
  const p = new Parser(tokens);
  const first = p.peek();
  if (first?.t === 'word' && ['define', 'endorse', 'admit'].includes(first.v.toLowerCase())) return { kind: 'other-verb', keyword: first.v };
  try {
    p.expectWord('allow');
    const subjects = parseSubjects(p);
    p.expectWord('to');
    let verb: AllowStatement['verb'];
    if (p.isPunct('{')) {
      p.next();
      const permissions: string[] = [];
      while (!p.isPunct('}')) {
        const perm = p.next();
        if (perm?.t !== 'word') throw new Error(`expected a permission name${p.where()}`);
        permissions.push(perm.v.toUpperCase());
        if (p.isPunct(',')) p.next();
      }
      p.next();
      verb = { permissions };
    } else {
      const word = p.next();
      const v = word?.t === 'word' ? (word.v.toLowerCase() as Verb) : undefined;
      if (!v || !VERBS.includes(v)) throw new Error(`expected a verb (${VERBS.join(', ')}) after "to"`);
      verb = v;
    }
    let resourceType = '';
    if (typeof verb === 'string') {
      const resource = p.next();
      if (resource?.t !== 'word' || resource.v.toLowerCase() === 'in') throw new Error(`expected a resource type after "${verb}"`);
      resourceType = resource.v.toLowerCase();
    }
    p.expectWord('in');
    const location = parseLocation(p);
    let condition: Condition | undefined;
    if (p.isWord('where')) {
      p.next();
      condition = parseCondition(p, 0);
    }
    if (!p.done()) throw new Error(`unexpected text${p.where()}`);
    return { kind: 'allow', subjects, verb, resourceType, location, condition };
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
}
