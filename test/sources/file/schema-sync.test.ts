import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, type FieldSpec, type ObjectKind } from '../../../src/sources/file/config-fields.js';
import { acceptedKeys } from '../../../src/sources/file/index.js';

interface SchemaObject {
  type?: string;
  properties?: Record<string, SchemaProperty>;
  required?: string[];
  additionalProperties?: boolean;
}
interface SchemaProperty {
  description?: string;
  type?: string;
  enum?: string[];
  items?: { $ref?: string; enum?: string[] };
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  oneOf?: unknown[];
}

const schema = JSON.parse(readFileSync('schema/oke-cni.schema.json', 'utf8')) as SchemaObject & { $defs: Record<string, SchemaObject> };

function schemaOf(kind: ObjectKind): SchemaObject {
  return kind === 'root' ? schema : (schema.$defs[kind] as SchemaObject);
}

const KINDS = Object.keys(CONFIG_FIELDS) as ObjectKind[];

/** What the schema must say for each parser field type. */
function expectMatches(spec: FieldSpec, prop: SchemaProperty, where: string): void {
  const ref = prop.$ref;
  switch (spec.type) {
    case 'wholeNumber':
      expect({ where, type: prop.type, minimum: prop.minimum }).toEqual({ where, type: 'integer', minimum: 0 });
      break;
    case 'positiveNumber':
      expect({ where, type: prop.type, exclusiveMinimum: prop.exclusiveMinimum }).toEqual({ where, type: 'number', exclusiveMinimum: 0 });
      break;
    case 'boolean':
      expect({ where, type: prop.type }).toEqual({ where, type: 'boolean' });
      break;
    case 'enum':
      expect({ where, enum: prop.enum }).toEqual({ where, enum: [...(spec.values ?? [])] });
      break;
    case 'enumList':
      expect({ where, type: prop.type, enum: prop.items?.enum }).toEqual({ where, type: 'array', enum: [...(spec.values ?? [])] });
      break;
    case 'objectList':
      expect({ where, type: prop.type, items: prop.items?.$ref }).toEqual({ where, type: 'array', items: `#/$defs/${spec.items}` });
      break;
    case 'refList':
      expect({ where, type: prop.type, items: prop.items?.$ref }).toEqual({ where, type: 'array', items: '#/$defs/reference' });
      break;
    case 'cidrList':
      expect({ where, type: prop.type, items: prop.items?.$ref }).toEqual({ where, type: 'array', items: '#/$defs/ipv4Cidr' });
      break;
    case 'ruleList':
      expect({ where, ref }).toEqual({ where, ref: '#/$defs/ruleIds' });
      break;
    case 'stringList':
    case 'ipv6CidrList':
      expect({ where, type: prop.type ?? (ref === '#/$defs/ruleIds' ? 'array' : undefined) }).toEqual({ where, type: 'array' });
      break;
    case 'tags':
      expect({ where, type: prop.type, values: (prop as { additionalProperties?: { type?: string } }).additionalProperties?.type }).toEqual({
        where,
        type: 'object',
        values: 'string',
      });
      break;
    case 'surge':
      expect({ where, oneOf: prop.oneOf?.length }).toEqual({ where, oneOf: 2 });
      break;
    case 'ref':
      expect({ where, ref }).toEqual({ where, ref: '#/$defs/reference' });
      break;
    case 'name':
      expect({ where, ref }).toEqual({ where, ref: '#/$defs/name' });
      break;
    case 'cidr':
      expect({ where, ref }).toEqual({ where, ref: '#/$defs/ipv4Cidr' });
      break;
    case 'object':
      expect({ where, ref }).toEqual({ where, ref: `#/$defs/${spec.items}` });
      break;
    case 'protocol':
      expect({ where, oneOf: prop.oneOf?.length }).toEqual({ where, oneOf: 2 });
      break;
    case 'port':
      expect({ where, type: prop.type, minimum: prop.minimum, maximum: prop.maximum }).toEqual({ where, type: 'integer', minimum: 1, maximum: 65535 });
      break;
    case 'string':
    case 'ocid':
    case 'version':
    case 'anyCidr':
      expect({ where, type: prop.type }).toEqual({ where, type: 'string' });
      break;
  }
}

describe('JSON Schema and parser accept the same config', () => {
  it.each(KINDS)('%s: the same keys', (kind) => {
    expect(Object.keys(schemaOf(kind).properties ?? {}).sort()).toEqual(acceptedKeys(kind).sort());
  });

  it.each(KINDS)('%s: no other keys allowed, the same required keys', (kind) => {
    const s = schemaOf(kind);
    expect(s.additionalProperties).toBe(false);
    const required = Object.entries(CONFIG_FIELDS[kind] as Record<string, FieldSpec>)
      .filter(([, spec]) => spec.required)
      .map(([key]) => key);
    expect([...(s.required ?? [])].sort()).toEqual(required.sort());
  });

  it.each(KINDS)('%s: each key has the type the parser reads and a description', (kind) => {
    const props = schemaOf(kind).properties ?? {};
    for (const [key, spec] of Object.entries(CONFIG_FIELDS[kind] as Record<string, FieldSpec>)) {
      const prop = props[key] as SchemaProperty;
      expectMatches(spec, prop, `${kind}.${key}`);
      expect({ key: `${kind}.${key}`, described: (prop.description ?? '').length > 10 }).toEqual({ key: `${kind}.${key}`, described: true });
    }
  });

  it('is referenced from the first line of every YAML example', () => {
    for (const file of ['passing.yaml', 'failing.yaml', 'multi-cluster-shared-subnet.yaml']) {
      const first = readFileSync(`examples/${file}`, 'utf8').split('\n')[0];
      expect({ file, first }).toEqual({ file, first: '# yaml-language-server: $schema=../schema/oke-cni.schema.json' });
    }
  });
});
