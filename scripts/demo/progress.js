'use strict';

/** "9.4 s", "3 min 05 s" */
function elapsed(/** @type {number} */ ms) {
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const seconds = Math.round(ms / 1000);
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * One line per stage: `[2/7] Node 24 and n8n 2.41.1 installed ......... 9 min 32 s`. On a terminal the
 * line shows the running time while the stage works; elsewhere a stage expected to take minutes says
 * so when it starts.
 * @param {{ total: number, write?: (text: string) => void, isTTY?: boolean, width?: number }} options
 */
function createProgress({ total, write = (text) => process.stdout.write(text), isTTY = !!process.stdout.isTTY, width = 64 }) {
	let index = 0;
	/** @type {Array<[string, number]>} */
	const done = [];
	const line = (/** @type {number} */ n, /** @type {string} */ label, /** @type {string} */ time) =>
		`[${n}/${total}] ${label} ${'.'.repeat(Math.max(2, width - label.length))} ${time}`;
	return {
		done,
		/**
		 * @template T
		 * @param {{ label: string, doneLabel?: (result: T) => string, slow?: string }} stage
		 * @param {() => Promise<T>} work
		 * @returns {Promise<T>}
		 */
		async run(stage, work) {
			const n = ++index;
			const started = Date.now();
			/** @type {NodeJS.Timeout | undefined} */
			let ticker;
			if (isTTY) {
				const show = () => write(`\r${line(n, stage.label, elapsed(Date.now() - started))}`);
				show();
				ticker = setInterval(show, 1000);
			} else if (stage.slow) {
				write(`[${n}/${total}] ${stage.label}: ${stage.slow}\n`);
			}
			try {
				const result = await work();
				const ms = Date.now() - started;
				done.push([stage.label, ms]);
				const label = stage.doneLabel ? stage.doneLabel(result) : stage.label;
				write(`${isTTY ? '\r\x1b[2K' : ''}${line(n, label, elapsed(ms))}\n`);
				return result;
			} catch (error) {
				write(`${isTTY ? '\r\x1b[2K' : ''}${line(n, `${stage.label}: failed`, elapsed(Date.now() - started))}\n`);
				throw error;
			} finally {
				if (ticker) clearInterval(ticker);
			}
		},
	};
}

module.exports = { createProgress, elapsed };
