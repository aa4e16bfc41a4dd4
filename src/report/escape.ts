/** Text from inputs (kubectl output, OCI answers, policy statements) shown safely on a terminal. */

/** C0 and C1 control characters (ESC starts terminal escape sequences) and DEL, shown as \u00XX; newlines too. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
