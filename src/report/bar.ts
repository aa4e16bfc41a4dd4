/** The usage bar of `plan` and of the markdown reports: how much of a subnet is taken. */
export const BAR_FULL = '█';
export const BAR_EMPTY = '░';

/** Cells of `width` to fill for `share` (0..1; more than 1 fills the bar). */
export function filledCells(share: number, width: number): number {
  return Math.min(width, Math.max(0, Math.round(Math.min(share, 1) * width)));
}
