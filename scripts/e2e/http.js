'use strict';

const net = require('node:net');

/**
 * Distinct TCP ports that were free on 127.0.0.1 a moment ago: all are held open together, so one
 * call never hands out the same port twice.
 * @param {number} count
 * @returns {Promise<number[]>}
 */
async function freePorts(count) {
	const servers = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				/** @type {Promise<net.Server>} */ (
					new Promise((resolve, reject) => {
						const server = net.createServer();
						server.unref();
						server.on('error', reject);
						server.listen(0, '127.0.0.1', () => resolve(server));
					})
				),
		),
	);
	const ports = servers.map((server) => /** @type {net.AddressInfo} */ (server.address()).port);
	await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	return ports;
}

/** @returns {Promise<number>} a TCP port that was free on 127.0.0.1 a moment ago */
async function freePort() {
	const [port] = await freePorts(1);
	return port;
}

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {string} url
 * @param {RequestInit & { json?: unknown }} [init]
 * @returns {Promise<{ status: number, headers: Headers, text: string, json: any }>}
 */
async function http(url, init = {}) {
	const { json, ...rest } = init;
	const headers = new Headers(rest.headers);
	if (json !== undefined) headers.set('content-type', 'application/json');
	const response = await fetch(url, {
		...rest,
		headers,
		body: json !== undefined ? JSON.stringify(json) : rest.body,
	});
	const text = await response.text();
	let parsed;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: response.status, headers: response.headers, text, json: parsed };
}

module.exports = { delay, freePort, freePorts, http };
