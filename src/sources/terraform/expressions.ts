/**
 * What an attribute whose value is unknown until apply will hold, as far as the plan determines
 * it, and only that far. The configuration gives each expression as the references it reads
 * (no operators, no function calls), so one(), coalesce(), try() and lookup() over references
 * come out right when every reference they read leads to the same instance or to a value the
 * plan carries; anything else is unknown, with the reason, never a guess:
 *
 * - `T.N.id`, `T.N[k].id`: the planned resource instance (in the module of the expression);
 *   `T.N` with instances and no literal key: the instance picked by the expression's
 *   `each.key` / `each.value.x` / `count.index` (or by a literal key indexing a module output),
 *   else "could be any of ...";
 * - `data.T.N.id`: the data source, read from prior_state or planned_values;
 * - `var.x`: the module call's expression in the parent module, or the root variable's value;
 * - `module.m.out`, `module.m.out["key"]`: the output's expression inside the module, the key
 *   carried down to pick an instance;
 * - `each.*`, `count.index`: the instance's key, and each.value when for_each iterates over a
 *   literal or a root variable whose value the plan holds;
 * - `local.*`: a plan does not carry locals, so they are unknown.
 */
import { at, type MapNode, type Node } from '../file/tree.js';
import { keyText, parseTraversal, specificReferences, type Step } from './address.js';
import { str, type ModuleScope, type PlanIndex, type PlannedResource } from './plan-index.js';

/** What the instance an expression belongs to iterates with. */
export interface InstanceContext {
  key: string | number | undefined;
  /** each.value: its node when the plan determines it, undefined when unknown, null when there is none. */
  value: Node | undefined | null;
}

/** An expression's outcome: the things it refers to (resource addresses or literal OCIDs), or why that is not known. */
export interface Resolution {
  /** Resource instance addresses, or literal strings the plan carries (OCIDs). */
  targets: string[];
  /** Set when the expression reads something the plan does not determine. */
  unknown?: string | undefined;
}

const MAX_HOPS = 32;
const SHOWN_CANDIDATES = 4;

export class Resolver {
  constructor(private readonly plan: PlanIndex) {}

  /** each.key / each.value / count.index of a resource instance. */
  contextOf(res: PlannedResource, config: MapNode | undefined, scope: ModuleScope): InstanceContext {
    return { key: res.key, value: this.eachValue(at(config, 'for_each_expression'), res.key, scope) };
  }

  /** The module instance's own each.value (its module call's for_each), for var.* expressions of that call. */
  private moduleContext(scope: ModuleScope): InstanceContext {
    const parent = scope.parent;
    if (!parent) return { key: undefined, value: null };
    const forEach = at(parent.scope.config, 'module_calls', parent.call, 'for_each_expression');
    return { key: scope.key, value: this.eachValue(forEach, scope.key, parent.scope) };
  }

  private eachValue(forEach: Node | undefined, key: string | number | undefined, scope: ModuleScope): Node | undefined | null {
    if (forEach === undefined || typeof key !== 'string') return null;
    const collection = this.valueOf(forEach, scope, 0);
    if (collection === undefined) return undefined;
    // A set of strings: each.value is each.key.
    if (collection.kind === 'seq') return collection.items.find((n) => str(n) === key);
    return at(collection, key);
  }

  /** The value of an expression when the plan carries it: a constant, or one variable (through module calls) with a value. */
  private valueOf(expr: Node | undefined, scope: ModuleScope, hops: number): Node | undefined {
    if (hops > MAX_HOPS) return undefined;
    const constant = expr?.kind === 'map' ? expr.entries.get('constant_value')?.value : undefined;
    if (constant !== undefined) return constant;
    const refs = specificReferences(references(expr));
    const steps = refs.length === 1 ? parseTraversal(refs[0] as string) : undefined;
    const [root, name, ...rest] = steps ?? [];
    if (!root || !name || !('name' in root) || root.name !== 'var' || !('name' in name)) return undefined;
    const parent = scope.parent;
    if (!parent) return follow(at(this.plan.variables, name.name, 'value'), rest);
    const call = at(parent.scope.config, 'module_calls', parent.call, 'expressions', name.name);
    const value = call !== undefined ? this.valueOf(call, parent.scope, hops + 1) : at(scope.config, 'variables', name.name, 'default');
    return follow(value, rest);
  }

  /**
   * What a user changes to change an attribute of a resource inside a module: the module input its
   * expression reads and, through plain `var.x` hand-downs, the outermost input or root variable
   * that feeds it, outermost first ("var.pools["a"].size", "input pools of module.oke", ...).
   * undefined when the expression reads no single input: the value is set inside the module.
   */
  feeders(expr: Node | undefined, scope: ModuleScope, forEach: Node | undefined, key: string | number | undefined, hops = 0): string[] | undefined {
    if (expr === undefined || hops > MAX_HOPS) return undefined;
    const refs = specificReferences(references(expr)).filter((r) => !/^(path|terraform|self|count)[.[]/.test(r));
    if (refs.length !== 1) return undefined;
    const [root, name, ...rest] = parseTraversal(refs[0] as string) ?? [];
    if (!root || !name || !('name' in root) || !('name' in name)) return undefined;
    if (root.name === 'each' && name.name === 'value' && typeof key === 'string') {
      // each.value.x of a for_each over an input: that input's entry for this instance.
      const over = this.feeders(forEach, scope, undefined, undefined, hops + 1);
      if (over === undefined) return undefined;
      const suffix = `${keyText(key)}${stepsText(rest)}`;
      return over.map((f, i) => (i === 0 ? `${f.replace(/^(var\.\S+|input \S+)/, `$1${suffix}`)}` : f));
    }
    if (root.name !== 'var') return undefined;
    const input = `${name.name}${stepsText(rest)}`;
    const parent = scope.parent;
    if (!parent) return [`var.${input}`];
    const call = at(parent.scope.config, 'module_calls', parent.call, 'expressions', name.name);
    const here = `input ${input} of ${scope.instance}${call === undefined ? ' (unset: the module default applies)' : ''}`;
    const outer = call === undefined ? undefined : this.feeders(call, parent.scope, undefined, undefined, hops + 1);
    return outer === undefined ? [here] : [...outer, here];
  }

  /** Resolve an expression of `scope`, evaluated for instance `ctx`. */
  resolve(expr: Node | undefined, scope: ModuleScope, ctx: InstanceContext, path: Step[] = [], hops = 0): Resolution {
    if (hops > MAX_HOPS) return { targets: [], unknown: 'the references go round in a cycle' };
    if (expr === undefined) return { targets: [], unknown: "the plan's configuration has no expression for it (it leaves dynamic blocks out)" };
    const constant = expr?.kind === 'map' ? expr.entries.get('constant_value')?.value : undefined;
    if (constant !== undefined) return valueTargets(follow(constant, path));
    const refs = specificReferences(references(expr));
    const selectors: Array<string | number> = [];
    const pathKey = path[0];
    if (pathKey && 'key' in pathKey) selectors.push(pathKey.key);
    const sources: string[] = [];
    for (const ref of refs) {
      const head = ref.split(/[.[]/, 1)[0];
      if (head === 'each' || head === 'count') {
        const v = this.iteration(ref, ctx);
        if (v?.kind === 'scalar' && (typeof v.value === 'string' || typeof v.value === 'number')) selectors.push(v.value);
        // An OCID from each.value may be the value itself (coalesce(each.value.subnet_id, ...)): it counts as a target too.
        if (v?.kind === 'scalar' && typeof v.value === 'string' && v.value.startsWith('ocid1.')) sources.push(ref);
      } else if (head !== 'path' && head !== 'terraform' && head !== 'self') sources.push(ref);
    }
    if (sources.length === 0) {
      // The value is each.* / count.* itself.
      const iterations = refs.filter((r) => /^(each|count)[.[]/.test(r));
      if (iterations.length === 0) return { targets: [], unknown: 'its expression refers to nothing the plan holds' };
      const out: Resolution = { targets: [] };
      for (const r of iterations) merge(out, valueTargets(follow(this.iteration(r, ctx), path), r));
      return out;
    }
    const out: Resolution = { targets: [] };
    for (const ref of sources) {
      const iteration = /^(each|count)[.[]/.test(ref) ? this.iteration(ref, ctx) : undefined;
      merge(out, iteration !== undefined ? valueTargets(follow(iteration, path), ref) : this.reference(ref, scope, ctx, selectors, path, hops));
    }
    return out;
  }

  private iteration(ref: string, ctx: InstanceContext): Node | undefined {
    const steps = parseTraversal(ref);
    if (!steps) return undefined;
    const [root, attr, ...rest] = steps;
    if (!root || !attr || !('name' in root) || !('name' in attr)) return undefined;
    if (root.name === 'count' && attr.name === 'index' && typeof ctx.key === 'number') return scalar(ctx.key);
    if (root.name !== 'each') return undefined;
    if (attr.name === 'key' && ctx.key !== undefined) return scalar(ctx.key);
    if (attr.name === 'value' && ctx.value) return follow(ctx.value, rest);
    return undefined;
  }

  private reference(ref: string, scope: ModuleScope, ctx: InstanceContext, selectors: Array<string | number>, path: Step[], hops: number): Resolution {
    const steps = parseTraversal(ref);
    const first = steps?.[0];
    if (!steps || !first || !('name' in first)) return { targets: [], unknown: `its expression refers to ${ref}, which oke-cni cannot read` };
    const second = steps[1];
    switch (first.name) {
      case 'local':
        return { targets: [], unknown: `its expression refers to ${ref}, and a plan does not carry the values of locals` };
      case 'var': {
        if (!second || !('name' in second)) break;
        const value = this.variable(second.name, scope, [...steps.slice(2), ...path], hops);
        return value;
      }
      case 'module': {
        if (!second || !('name' in second)) break;
        let i = 2;
        let step = second.name;
        const keyStep = steps[2];
        if (keyStep && 'key' in keyStep) {
          step += keyText(keyStep.key);
          i = 3;
        }
        const output = steps[i];
        if (!output || !('name' in output)) break;
        const child = this.plan.child(scope, step);
        const expr = at(child.config, 'outputs', output.name, 'expression');
        if (expr === undefined) return { targets: [], unknown: `module.${step} has no output ${output.name} in the plan's configuration` };
        return this.resolve(expr, child, this.moduleContext(child), [...steps.slice(i + 1), ...path], hops + 1);
      }
      case 'data':
        return this.resource(steps.slice(1), 'data.', scope, selectors, ref);
      default:
        return this.resource(steps, '', scope, selectors, ref);
    }
    return { targets: [], unknown: `its expression refers to ${ref}, which oke-cni cannot read` };
  }

  private variable(name: string, scope: ModuleScope, path: Step[], hops: number): Resolution {
    const parent = scope.parent;
    if (!parent) {
      const value = at(this.plan.variables, name, 'value');
      if (value === undefined) return { targets: [], unknown: `var.${name} has no value in the plan` };
      return valueTargets(follow(value, path), `var.${name}`);
    }
    const expr = at(parent.scope.config, 'module_calls', parent.call, 'expressions', name);
    if (expr !== undefined) return this.resolve(expr, parent.scope, this.moduleContext(scope), path, hops + 1);
    const fallback = at(scope.config, 'variables', name, 'default');
    if (fallback !== undefined) return valueTargets(follow(fallback, path), `var.${name}`);
    return { targets: [], unknown: `var.${name} of module.${parent.call} is neither set nor defaulted in the plan` };
  }

  /** T.N[k].attr: the planned instance, picked by a literal key or by the selectors. */
  private resource(steps: Step[], prefix: string, scope: ModuleScope, selectors: Array<string | number>, ref: string): Resolution {
    const [type, name, keyStep] = steps;
    if (!type || !name || !('name' in type) || !('name' in name)) return { targets: [], unknown: `its expression refers to ${ref}, which oke-cni cannot read` };
    const base = `${scope.instance === '' ? '' : `${scope.instance}.`}${prefix}${type.name}.${name.name}`;
    if (keyStep && 'key' in keyStep) return target(this.plan.resource(`${base}${keyText(keyStep.key)}`), `${base}${keyText(keyStep.key)}`);
    const instances = this.plan.instancesOf(base);
    if (instances.length === 0) return { targets: [], unknown: `${base} is not in the plan` };
    if (instances.length === 1 && instances[0]?.address === base) return target(instances[0], base);
    const picked = instances.filter((r) => r.key !== undefined && selectors.includes(r.key));
    if (picked.length === 1) return target(picked[0], base);
    const names = instances.map((r) => r.address);
    const shown = names.slice(0, SHOWN_CANDIDATES).join(', ') + (names.length > SHOWN_CANDIDATES ? `, … (${names.length} instances)` : '');
    return { targets: [], unknown: `its expression refers to ${base} without a key the plan determines: it could be any of ${shown}` };
  }
}

/** A planned instance as a target; a data source read only during apply has no values yet. */
function target(res: PlannedResource | undefined, address: string): Resolution {
  if (res === undefined) return { targets: [], unknown: `${address} is not in the plan` };
  if (res.mode === 'data' && res.values === undefined) return { targets: [], unknown: `${res.address} is read only during apply` };
  return { targets: [res.address] };
}

function merge(into: Resolution, from: Resolution): void {
  for (const t of from.targets) if (!into.targets.includes(t)) into.targets.push(t);
  if (from.unknown !== undefined && into.unknown === undefined) into.unknown = from.unknown;
}

/** A value the plan carries: a string is an OCID (or a name), null is no target, a list gives its strings. */
function valueTargets(value: Node | undefined, what = 'the value'): Resolution {
  if (value === undefined) return { targets: [], unknown: `${what} is not in the plan` };
  if (value.kind === 'scalar') return { targets: typeof value.value === 'string' ? [value.value] : [] };
  if (value.kind === 'seq') {
    const targets = value.items.map((n) => str(n)).filter((s): s is string => s !== undefined);
    return targets.length === value.items.filter((n) => !(n.kind === 'scalar' && n.value === null)).length
      ? { targets }
      : { targets: [], unknown: `${what} is not a list of strings` };
  }
  return { targets: [], unknown: `${what} is an object, not an id` };
}

function follow(node: Node | undefined, path: Step[]): Node | undefined {
  let cur = node;
  for (const step of path) {
    if (cur === undefined) return undefined;
    cur = at(cur, 'name' in step ? step.name : step.key);
  }
  return cur;
}

function scalar(value: string | number): Node {
  return { kind: 'scalar', at: { line: 0, column: 0 }, value };
}

export function references(expr: Node | undefined): string[] {
  const refs = at(expr, 'references');
  if (refs?.kind !== 'seq') return [];
  return refs.items.map((n) => str(n)).filter((s): s is string => s !== undefined);
}

function stepsText(steps: readonly Step[]): string {
  return steps.map((s) => ('name' in s ? `.${s.name}` : keyText(s.key))).join('');
}
