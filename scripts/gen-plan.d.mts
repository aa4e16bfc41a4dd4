/** Types of gen-plan.mjs, for the tests that import it. */
export function generatePlan(targetBytes: number, options?: { mix?: 'network' | 'tenancy' }): string;
