/**
 * The config's `reserved` entries onto the model's subnets. An entry names a subnet by its name
 * in the inputs, its OCID or one of its CIDR blocks; one that names no subnet of this run is left unused
 * (the config serves every run in the repository, each linting a part of it).
 */
import { UserErrors } from '../core/errors.js';
import { formatLocation } from '../core/finding.js';
import type { Model, Subnet } from '../core/model.js';
import type { ProjectConfig } from './load.js';

function names(subnet: Subnet): string[] {
  return [subnet.name, subnet.ref, subnet.ocid, ...subnet.cidrBlocks.map((c) => c.text)].filter((n): n is string => n !== undefined);
}

/** Sets Subnet.reservedAddresses in place; two entries naming one subnet are an error. */
export function applyReserved(model: Model, config: ProjectConfig | undefined): void {
  if (!config || config.reserved.length === 0) return;
  const bySubnetName = new Map<string, Subnet>();
  for (const subnet of model.subnets) for (const n of names(subnet)) if (!bySubnetName.has(n)) bySubnetName.set(n, subnet);
  const claimed = new Map<Subnet, string>();
  const problems: string[] = [];
  for (const { value, at } of config.reserved) {
    const subnet = bySubnetName.get(value.subnet);
    if (subnet === undefined) continue;
    const first = claimed.get(subnet);
    if (first !== undefined) {
      problems.push(`${formatLocation(at)}: reserved: "${value.subnet}" and "${first}" name the same subnet "${subnet.name}"; give its reserved addresses once`);
      continue;
    }
    claimed.set(subnet, value.subnet);
    subnet.reservedAddresses = value.addresses;
  }
  if (problems.length > 0) throw new UserErrors(problems);
}
