/**
 * Where the project and each rule are documented. docs/rules.md is generated from the rule
 * registry with one `## <id>` heading per rule, so GitHub's anchor for a rule is its id.
 * Every output that links a rule (SARIF helpUri, JUnit failure details, docs generator) takes
 * the URL from here; no other file spells it.
 */
export const PROJECT_URL = 'https://github.com/oke-cni/oke-cni';

export const RULES_DOCS_URL = `${PROJECT_URL}/blob/main/docs/rules.md`;

export function ruleDocsUrl(ruleId: string): string {
  return `${RULES_DOCS_URL}#${ruleId}`;
}
