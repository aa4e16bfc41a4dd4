/** Node pools with secondary VNIC profiles, and how findings name a profile. */
import type { Cluster, Model, NodePool, SecondaryVnicProfile } from '../../core/model.js';
import { usesSecondaryVnics } from '../../core/models/pool.js';
import { vcnNativePools } from './scope.js';

export type ProfilePool = NodePool & { secondaryVnics: SecondaryVnicProfile[] };

/** Every managed or self-managed pool with profiles, of every VCN-native cluster. */
export function* secondaryVnicPools(model: Model): Generator<{ cluster: Cluster; pool: ProfilePool }> {
  for (const { cluster, pool } of vcnNativePools(model)) if (usesSecondaryVnics(pool)) yield { cluster, pool };
}

/** 'secondaryVnics[1] ("backend")' */
export function profileLabel(profile: SecondaryVnicProfile, index: number): string {
  return `secondaryVnics[${index}]${profile.displayName ? ` ("${profile.displayName}")` : ''}`;
}

/** "Secondary VNIC profiles" in the docs of every rule about them. */
export const PROFILES_DOC =
  'Node pools with secondary VNIC profiles (`secondaryVnics`, OKE\'s "Generic VNIC Attachment", since 2026-05-06) use the ' +
  'secondary-vnics allocation model: every node attaches one secondary VNIC per profile in the profile\'s subnet, with ipCount pod IPs.';
