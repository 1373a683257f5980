/**
 * Performance marks for the benchmarks (scripts/bench): off unless the page was opened with
 * `globalThis.__plumblineTrace = true` (a bench's init script), so a long-lived tab never fills its timeline.
 */
export function traceMark(name: string, detail?: unknown): void {
  if (Reflect.get(globalThis, "__plumblineTrace") === true) performance.mark(name, { detail });
}
