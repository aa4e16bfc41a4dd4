/** A flexible shape's VNIC rule in words, as plan and shapes print it (its own module: neither report loads the other). */
import type { Shape } from '../catalog/catalog.js';

/** "1 VNIC per OCPU, min 2, max 24" */
export function describeFlexRule(shape: Shape & { flex: NonNullable<Shape['flex']> }): string {
  const r = shape.flex.vnics;
  const per = r.perOcpu === 1 ? '1 VNIC per OCPU' : `${r.perOcpu} VNICs per OCPU`;
  return `${per}, min ${r.min}, max ${r.max}`;
}
