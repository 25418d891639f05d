// HTTP helpers the IdP fakes (auth0, graph, okta) share.
'use strict';

/**
 * The whole request body as UTF-8 text.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * Uses up one of the first injected fault that matches the request, and returns it; undefined when
 * none matches. A fault without `method` or `pathPrefix` matches every method or path.
 * @template {{ count: number, method?: string, pathPrefix?: string }} F
 * @param {F[]} faults
 * @param {string} method
 * @param {string} path
 * @returns {F | undefined}
 */
function takeFault(faults, method, path) {
	const index = faults.findIndex((f) => f.count > 0 && (!f.pathPrefix || path.startsWith(f.pathPrefix)) && (!f.method || f.method === method));
	if (index < 0) return undefined;
	faults[index].count--;
	return faults[index];
}

module.exports = { readBody, takeFault };
