'use strict';

/** @type {Set<() => void>} */
const cleanups = new Set();
let hooksInstalled = false;

/** Runs every registered cleanup when this process ends, so nothing outlives a crashed test run. */
function installHooks() {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', () => {
		for (const cleanup of cleanups) cleanup();
	});
	for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		const onSignal = () => {
			for (const cleanup of cleanups) cleanup();
			// Keep the default behaviour (exit) unless someone else also handles the signal.
			if (process.listenerCount(signal) === 1) {
				process.removeListener(signal, onSignal);
				process.kill(process.pid, signal);
			}
		};
		process.on(signal, onSignal);
	}
}

/**
 * Registers a synchronous cleanup (kill a server, remove its folder) to run if this process exits
 * before the cleanup was withdrawn. Returns the withdrawal.
 * @param {() => void} cleanup
 * @returns {() => void}
 */
function cleanupOnExit(cleanup) {
	installHooks();
	cleanups.add(cleanup);
	return () => cleanups.delete(cleanup);
}

module.exports = { cleanupOnExit };
