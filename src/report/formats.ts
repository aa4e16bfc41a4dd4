/**
 * The output formats of the reporting commands. Kept apart from the renderers so that defining
 * the CLI's options loads no renderer (start-up time).
 */
export const FINDING_FORMATS = ['table', 'json', 'sarif', 'github', 'junit', 'markdown', 'gitlab'] as const;
export type FindingFormat = (typeof FINDING_FORMATS)[number];

export const RULES_FORMATS = ['table', 'json', 'markdown'] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

/** `plan` and `shapes`: their tables, or one JSON object. */
export const DATA_FORMATS = ['table', 'json'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];
