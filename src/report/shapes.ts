/** Renders the shape catalog (table or JSON). */
import { showControls } from '../core/escape.js';
import { flexVnics, isFlex, ocpusForVnics, type Catalog, type Shape } from '../catalog/catalog.js';
import { chalkFor } from './style.js';
import { legacyModel } from '../core/capacity.js';
import { KUBERNETES_MAX_PODS_PER_NODE, MAX_PODS_PER_NODE_SECONDARY_VNICS, POD_IPS_PER_VNIC, WORKER_SUBNET_VNICS } from '../core/facts.js';
import { maxProfilesForVnics, secondaryVnicsModel } from '../core/models/secondary-vnics.js';
import { describeFlexRule } from './flex-rule.js';
import { renderBoxTable, wrapParagraphs, type TableColumn } from './table.js';

export interface ShapeRow {
  name: string;
  kind: string | null;
  family: string | null;
  generation: string | null;
  flexible: boolean;
  ocpus: number | null;
  ocpuRange: { min: number; max: number } | null;
  /** Fixed shapes: VNICs. Flexible: VNICs at the largest OCPU count. */
  vnics: number;
  vnicRule: { min: number; perOcpu: number; max: number } | null;
  /** Max pods per node in the legacy model (no secondary VNIC profiles): fixed shapes as is; flexible at their largest OCPU count. */
  maxPodsPerNode: number;
  /** Max pods per node with secondary VNIC profiles (256 from 2 VNICs on), at the same OCPU count. */
  maxPodsPerNodeSecondaryVnics: number;
  /** Secondary VNIC profiles a node can attach: VNICs - 1, at the same OCPU count. */
  maxSecondaryVnicProfiles: number;
  /** Flexible shapes: the OCPU count from which a node runs 110 pods (null if never). */
  ocpusFor110Pods: number | null;
  note: string | null;
}

export function shapeRow(shape: Shape): ShapeRow {
  if (isFlex(shape)) {
    const f = shape.flex;
    const vnicsAtMax = flexVnics(f.vnics, f.maxOcpus);
    const vnicsFor110 = legacyModel.podVnicsFor(KUBERNETES_MAX_PODS_PER_NODE) + WORKER_SUBNET_VNICS;
    return {
      name: shape.name,
      kind: shape.kind ?? null,
      family: shape.family ?? null,
      generation: shape.generation ?? null,
      flexible: true,
      ocpus: null,
      ocpuRange: { min: f.minOcpus, max: f.maxOcpus },
      vnics: vnicsAtMax,
      vnicRule: { ...f.vnics },
      maxPodsPerNode: legacyModel.maxPodsForVnics(vnicsAtMax),
      maxPodsPerNodeSecondaryVnics: secondaryVnicsModel.maxPodsForVnics(vnicsAtMax),
      maxSecondaryVnicProfiles: maxProfilesForVnics(vnicsAtMax),
      ocpusFor110Pods: ocpusForVnics(shape, vnicsFor110) ?? null,
      note: shape.note ?? null,
    };
  }
  const vnics = shape.vnics ?? 0;
  return {
    name: shape.name,
    kind: shape.kind ?? null,
    family: shape.family ?? null,
    generation: shape.generation ?? null,
    flexible: false,
    ocpus: shape.ocpus ?? null,
    ocpuRange: null,
    vnics,
    vnicRule: null,
    maxPodsPerNode: legacyModel.maxPodsForVnics(vnics),
    maxPodsPerNodeSecondaryVnics: secondaryVnicsModel.maxPodsForVnics(vnics),
    maxSecondaryVnicProfiles: maxProfilesForVnics(vnics),
    ocpusFor110Pods: null,
    note: shape.note ?? null,
  };
}

export function renderShapesJson(catalog: Catalog, shapes: readonly Shape[]): string {
  const body = {
    catalog: { origin: catalog.origin, source: catalog.source, retrieved: catalog.retrieved },
    shapes: shapes.map(shapeRow),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const SHAPE_COLUMNS: readonly TableColumn[] = [
  { header: 'shape' },
  { header: 'OCPUs', align: 'right' },
  { header: 'VNICs', wrap: 'words' },
  { header: 'max pods/node', align: 'right', wrap: 'header' },
  { header: `${KUBERNETES_MAX_PODS_PER_NODE} pods from`, align: 'right', wrap: 'header' },
  { header: 'with VNIC profiles', align: 'right', wrap: 'header' },
];

/** The catalog as a table laid out for `width` terminal columns. */
export function renderShapesTable(catalog: Catalog, shapes: readonly Shape[], color: boolean, width: number): string {
  const c = chalkFor(color);
  const rows = shapes.map((shape) => {
    const row = shapeRow(shape);
    const vnics = isFlex(shape) ? describeFlexRule(shape) : String(row.vnics);
    const ocpus = row.ocpuRange ? `${row.ocpuRange.min}-${row.ocpuRange.max}` : row.ocpus === null ? '' : String(row.ocpus);
    const pods = row.maxPodsPerNode === 0 ? c.red('0 (1 VNIC)') : String(row.maxPodsPerNode);
    const for110 = row.flexible ? (row.ocpusFor110Pods === null ? 'never' : `${row.ocpusFor110Pods} OCPUs`) : '';
    const profiles = row.maxSecondaryVnicProfiles;
    const withProfiles = profiles === 0 ? c.red('0') : `${row.maxPodsPerNodeSecondaryVnics} (${profiles} profile${profiles === 1 ? '' : 's'})`;
    return [showControls(row.name), ocpus, vnics, pods, for110, withProfiles];
  });
  const footer =
    `${shapes.length} shape${shapes.length === 1 ? '' : 's'} from the ${catalog.origin} catalog (${showControls(catalog.source)}, read ${showControls(catalog.retrieved)}). ` +
    `Flexible shapes: at their largest OCPU count. max pods/node: without secondary VNIC profiles, MIN((VNICs - ${WORKER_SUBNET_VNICS}) x ${POD_IPS_PER_VNIC}, ${KUBERNETES_MAX_PODS_PER_NODE}); ` +
    `with VNIC profiles: up to ${MAX_PODS_PER_NODE_SECONDARY_VNICS} pods over at most VNICs - ${WORKER_SUBNET_VNICS} profiles.`;
  return `${renderBoxTable(SHAPE_COLUMNS, rows, { width, head: c.bold })}\n${c.dim(wrapParagraphs(footer, width))}\n`;
}
