/**
 * The keys of the project config file (.oke-cni.yaml), in one table: the loader reads against
 * it and a test checks schema/oke-cni-config.schema.json against it, so the two cannot drift.
 */
export const CONFIG_FILE_NAME = '.oke-cni.yaml';
/** Also found under this name (the same format). */
export const CONFIG_FILE_NAMES = [CONFIG_FILE_NAME, '.oke-cni.yml'] as const;
/** Overrides discovery, like --config. */
export const CONFIG_ENV = 'OKE_CNI_CONFIG';

export const PROJECT_CONFIG_KEYS = {
  $schema: 'where the JSON Schema of this file lives (for editors); ignored',
  failOn: 'lint/check exit 1 when a finding is at least this severe (error, warning, note, never); --fail-on wins',
  headroom: 'pod-subnet-headroom warns above this share of usable addresses (1-100); --headroom wins',
  disable: 'rule ids switched off for every run (added to --disable)',
  severity: 'per-rule severity overrides: rule id -> error, warning or note',
  catalog: 'shape catalog file replacing the embedded one, relative to this file (lint, plan, shapes); --catalog wins',
  strict: 'true: lint reports the not-checked notes as errors, like --strict (--no-strict wins)',
  reserved:
    'addresses taken in a pod subnet by other VNICs (load balancers, instances): subnet name, OCID or CIDR -> count; added to the pods\' demand',
  baseline: 'baseline file (written by --write-baseline) that lint and check report against, relative to this file; --baseline wins',
} as const;

export type ProjectConfigKey = keyof typeof PROJECT_CONFIG_KEYS;
