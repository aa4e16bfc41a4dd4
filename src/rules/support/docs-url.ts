/**
 * Where the project and each rule are documented. docs/rules.md is generated from the rule
 * registry with one `## <id>` heading per rule, so GitHub's anchor for a rule is its id.
 * Every output that links a rule (`rules --json`, SARIF helpUri, JUnit failure details) takes
 * the URL from here; no other file spells it.
 */
export const PROJECT_URL = 'https://github.com/oke-cni/oke-cni';

/** The generated rules page, relative to the repository root. */
export const RULES_DOC = 'docs/rules.md';

export const RULES_DOCS_URL = `${PROJECT_URL}/blob/main/${RULES_DOC}`;

export function ruleDocsUrl(ruleId: string): string {
  return `${RULES_DOCS_URL}#${ruleId}`;
}
