'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');

const { cleanupOnExit } = require('./exitCleanup');
const { delay } = require('./http');
const { processFamily, signalFamily } = require('./processTree');

const LOG_LIMIT_CHARS = 4 * 1024 * 1024;

/**
 * @typedef {object} ServerProcessOptions
 * @property {string} command
 * @property {string[]} args
 * @property {string} logFile                   receives stdout and stderr (appended)
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [uid]                     run as this user (needs root)
 * @property {number} [gid]
 * @property {(text: string) => void} [onLog]  receives the output as it arrives
 * @property {() => void} [removeFiles]        runs once the process is gone, also when this process exits early
 */

/**
 * @typedef {object} ServerProcess
 * @property {number} pid                       leader of its own process group
 * @property {string} logFile
 * @property {() => string} logs                stdout and stderr so far (the last 4 MiB)
 * @property {() => boolean} exited
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exit
 * @property {(signal?: NodeJS.Signals) => Promise<void>} kill  signals the process and its children, waits until they are gone
 * @property {(options?: { signal?: NodeJS.Signals, timeoutMs?: number }) => Promise<void>} stop
 *   asks the process to stop (SIGTERM by default), kills it after `timeoutMs`, closes the log, removes files
 */

/**
 * Starts a long-running process in its own process group, logging to a file and a buffer. Whatever
 * happens to the test run, the process group is killed when this process exits.
 * @param {ServerProcessOptions} options
 * @returns {ServerProcess}
 */
function startServerProcess(options) {
	const logStream = fs.createWriteStream(options.logFile, { flags: 'a' });
	let logText = '';
	const child = spawn(options.command, options.args, {
		cwd: options.cwd,
		env: options.env,
		uid: options.uid,
		gid: options.gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = /** @type {number} */ (child.pid);
	const onOutput = (/** @type {Buffer} */ chunk) => {
		const text = String(chunk);
		logStream.write(text);
		logText = (logText + text).slice(-LOG_LIMIT_CHARS);
		options.onLog?.(text);
	};
	child.stdout.on('data', onOutput);
	child.stderr.on('data', onOutput);
	let exited = false;
	/** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
	const exit = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		});
		child.on('error', (error) => {
			onOutput(Buffer.from(`${error.message}\n`));
			exited = true;
			resolve({ code: null, signal: null });
		});
	});
	const removeFiles = () => {
		if (process.env.IDP_MFA_SYNC_KEEP_N8N !== '1') options.removeFiles?.();
	};
	const withdraw = cleanupOnExit(() => {
		signalFamily(pid, 'SIGKILL');
		removeFiles();
	});

	/** Kills whatever is left of the process group, e.g. a task runner whose parent has exited. */
	async function reap() {
		for (let i = 0; i < 50 && processFamily(pid).length > 0; i++) {
			signalFamily(pid, 'SIGKILL');
			await delay(100);
		}
	}

	/** @param {NodeJS.Signals} signal */
	async function kill(signal = 'SIGKILL') {
		signalFamily(pid, signal);
		await exit;
		if (signal === 'SIGKILL') await reap();
	}

	let stopped = false;
	/** @param {{ signal?: NodeJS.Signals, timeoutMs?: number }} [stopOptions] */
	async function stop(stopOptions = {}) {
		if (stopped) return;
		stopped = true;
		if (!exited) signalFamily(pid, stopOptions.signal ?? 'SIGTERM');
		let timer;
		const graceful = await Promise.race([
			exit.then(() => true),
			new Promise(
				(resolve) => (timer = setTimeout(resolve, stopOptions.timeoutMs ?? 10_000, false)),
			),
		]);
		clearTimeout(timer);
		if (!graceful) signalFamily(pid, 'SIGKILL');
		await exit;
		await reap();
		withdraw();
		await new Promise((resolve) => logStream.end(resolve));
		removeFiles();
	}

	return {
		pid,
		logFile: options.logFile,
		logs: () => logText,
		exited: () => exited,
		exit,
		kill,
		stop,
	};
}

/**
 * Waits until `ready()` resolves true; throws when the process exits first or time runs out.
 * @param {ServerProcess} server
 * @param {string} what              names the server in errors
 * @param {() => Promise<boolean> | boolean} ready
 * @param {number} timeoutMs
 */
async function waitUntilReady(server, what, ready, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (server.exited()) throw new Error(`${what} exited during start-up`);
		try {
			if (await ready()) return;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error(`${what} did not become ready in time`);
		await delay(200);
	}
}

/**
 * waitUntilReady, and when the server does not get ready: stops it and adds its output to the error.
 * @param {ServerProcess} server
 * @param {string} what
 * @param {() => Promise<boolean> | boolean} ready
 * @param {number} timeoutMs
 * @param {() => Promise<void>} [stop]  how to stop it (default: server.stop())
 */
async function readyOrStopped(server, what, ready, timeoutMs, stop = () => server.stop()) {
	try {
		await waitUntilReady(server, what, ready, timeoutMs);
	} catch (error) {
		const logs = server.logs();
		await stop();
		/** @type {Error} */ (error).message += `\n--- ${what} output ---\n${logs.slice(-20_000)}`;
		throw error;
	}
}

module.exports = { readyOrStopped, startServerProcess, waitUntilReady };
