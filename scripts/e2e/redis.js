'use strict';

/**
 * A throwaway Redis server for tests: 127.0.0.1 on a free port, working folder in a temporary
 * directory, no persistence (no RDB snapshots, no AOF). stop() shuts it down and removes the folder;
 * if the test run dies first, the exit hooks kill it. Needs Debian's `redis-server` package
 * (scripts/e2e/install-services.sh).
 */

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('./http');
const { readyOrStopped, startServerProcess } = require('./serverProcess');

/** @returns {string} the redis-server binary */
function redisServerBin() {
	for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin']) {
		const candidate = path.join(dir, 'redis-server');
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	throw new Error(
		'Redis is not installed: run `bash scripts/e2e/install-services.sh` as root (Debian package `redis-server`).',
	);
}

/**
 * Sends one inline command and resolves with the first reply line, e.g. `+PONG`.
 * @param {number} port
 * @param {string} command
 * @returns {Promise<string>}
 */
function redisCommand(port, command) {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('Redis did not answer')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			reply += chunk;
			if (reply.includes('\r\n')) {
				socket.end();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.on('error', reject);
	});
}

/**
 * @typedef {object} RedisServer
 * @property {string} host
 * @property {number} port
 * @property {string} folder
 * @property {() => string} logs
 * @property {(command: string) => Promise<string>} command  one inline command, first reply line
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{ port?: number, startTimeoutMs?: number }} [options]
 * @returns {Promise<RedisServer>}
 */
async function startRedis(options = {}) {
	const bin = redisServerBin();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-redis-'));
	const port = options.port ?? (await freePort());
	const server = startServerProcess({
		command: bin,
		args: [
			...['--port', String(port), '--bind', '127.0.0.1', '--dir', folder],
			...['--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''],
		],
		cwd: folder,
		logFile: path.join(folder, 'redis.log'),
		removeFiles: () => fs.rmSync(folder, { recursive: true, force: true }),
	});
	await readyOrStopped(
		server,
		'Redis',
		async () => (await redisCommand(port, 'PING')) === '+PONG',
		options.startTimeoutMs ?? 15_000,
	);
	return {
		host: '127.0.0.1',
		port,
		folder,
		logs: server.logs,
		command: (command) => redisCommand(port, command),
		stop: () => server.stop(),
	};
}

module.exports = { startRedis };
