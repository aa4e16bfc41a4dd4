/** Required security rules for VCN-native pod networking and the check whether a rule set covers them. */
export * from './types.js';
export * from './required.js';
export * from './coverage.js';
