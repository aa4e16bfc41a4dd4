/**
 * What of a plan the one-pass scan records (json-scan.ts), in the shape of `terraform show -json`
 * output (hashicorp/terraform internal/command/jsonplan, jsonstate): the lists of resource
 * instances (planned_values, values, prior_state, each module's resources and child_modules),
 * resource_changes and each change, and every member of a resource and of a change. Everything
 * else (a resource's values, a change's before/after, configuration, variables, output_changes)
 * is only checked by the scan, and parsed from its bytes when a reader first reaches it.
 */
import { NOT_RECORDED, type JsonLayout } from '../file/json-scan.js';

const ROOT = 0;
/** planned_values, values, prior_state.values: { root_module } */
const VALUES = 1;
const PRIOR_STATE = 2;
const MODULE = 3;
const CHILD_MODULES = 4;
const RESOURCES = 5;
const RESOURCE = 6;
const CHANGES = 7;
const CHANGE_ITEM = 8;
const CHANGE = 9;

/** Members recorded, by the state of their container (Maps: a key such as "constructor" is just a key). */
const MEMBERS: ReadonlyMap<number, ReadonlyMap<string, number>> = new Map([
  [ROOT, new Map([['planned_values', VALUES], ['values', VALUES], ['prior_state', PRIOR_STATE], ['resource_changes', CHANGES]])],
  [PRIOR_STATE, new Map([['values', VALUES]])],
  [VALUES, new Map([['root_module', MODULE]])],
  [MODULE, new Map([['resources', RESOURCES], ['child_modules', CHILD_MODULES]])],
  [CHANGE_ITEM, new Map([['change', CHANGE]])],
]);

/** List items: every item of these lists is recorded as the state given. */
const ITEMS: ReadonlyMap<number, number> = new Map([[CHILD_MODULES, MODULE], [RESOURCES, RESOURCE], [CHANGES, CHANGE_ITEM]]);

export const PLAN_LAYOUT: JsonLayout = {
  root: ROOT,
  child(state, key) {
    if (typeof key === 'number') return ITEMS.get(state) ?? NOT_RECORDED;
    // A resource's and a change's members (RESOURCE, CHANGE) are each a value parsed on its own.
    return MEMBERS.get(state)?.get(key) ?? NOT_RECORDED;
  },
};
