/** Types of gen-config.mjs, for the tests that import it. */
export function generateConfig(options: { pools: number; subnets: number }): string;
