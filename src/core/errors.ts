/** A problem with what the user gave us (flags, files, OCI answers): exit 2, one line, no stack. */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** Where: "file:line:col", "--flag" or an OCI resource. Printed before the message. */
  readonly where: string | undefined;
  constructor(message: string, where?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.where = where;
  }
  /** The single line printed on stderr. */
  line(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}

/** Several input problems found in one pass (each already a full line). */
export class UserErrors extends UserError {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.lines = lines;
  }
  override line(): string {
    return this.lines.join('\n');
  }
}
