/** Milliseconds as the seconds a drill report shows: never negative, to a tenth. */
export function drillSeconds(ms: number): number {
  return Math.round(Math.max(0, ms) / 100) / 10;
}
