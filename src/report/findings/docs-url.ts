/** Rule documentation links: defined once, beside the rule registry. */
export { PROJECT_URL, RULES_DOCS_URL, ruleDocsUrl } from '../../rules/support/docs-url.js';
