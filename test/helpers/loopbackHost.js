// Serves a request handler on 127.0.0.1 so fakes can call the trigger back over real HTTP. Plain
// CommonJS so that tests written in TypeScript need no Node built-in imports of their own.
'use strict';

const http = require('node:http');

/**
 * @param {(request: {method: string, path: string, query: Record<string, string>, headers: Record<string, string>,
 *   body: Buffer}) => Promise<{status: number, headers: Record<string, string>, body: string}>} handle
 * @returns {Promise<{origin: string, close(): Promise<void>}>}
 */
async function serveOnLoopback(handle) {
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		try {
			const reply = await handle({
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
				body: Buffer.concat(chunks),
			});
			res.writeHead(reply.status, reply.headers);
			res.end(reply.body);
		} catch (error) {
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(String(error));
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${server.address().port}`,
		close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve(undefined)); }),
	};
}

module.exports = { serveOnLoopback };
