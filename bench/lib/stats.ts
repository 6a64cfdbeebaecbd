/** Percentile of an ascending-sorted sample (nearest-rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface LatencySummary {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Closed-loop latency measurement: `concurrency` workers each call `action` back to back until
 * `count` calls are done; every call's duration is kept, so percentiles are exact.
 */
export async function measureLatency(action: (index: number) => Promise<void>, count: number, concurrency: number): Promise<LatencySummary> {
  const durations: number[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      await action(index);
      durations.push(performance.now() - started);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  durations.sort((a, b) => a - b);
  return { requests: durations.length, p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99), max: durations.at(-1) ?? Number.NaN };
}

/** Runs `measure` `runs` times and keeps, for each field, the median over the runs. */
export async function medianOfRuns<T extends Record<string, number>>(runs: number, measure: () => Promise<T>): Promise<T & { runs: number }> {
  const results: T[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await measure());
  const keys = Object.keys(results[0]) as (keyof T)[];
  const combined = Object.fromEntries(keys.map((key) => [key, median(results.map((result) => Number(result[key])))])) as T;
  return { ...combined, runs };
}
