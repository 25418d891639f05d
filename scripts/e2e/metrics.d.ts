/** Environment variable naming the JSON-lines file run-e2e.js reads. */
export const METRICS_ENV: string;
/** Appends one record when METRICS_ENV is set; otherwise does nothing. */
export function recordMetrics(record: Record<string, unknown>): void;
/** One figure of the real-n8n reliability checks, printed by run-e2e.js beside its goal. */
export function recordReliability(figure: { check: string; measured: string; goal: string }): void;
export function readMetrics(file: string): Array<Record<string, any>>;
export function stopwatch(): { timings: Record<string, number>; lap: (name: string) => void };
