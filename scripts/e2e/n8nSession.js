'use strict';

const { http } = require('./http');

/**
 * Signs the owner in and creates an API key with every scope n8n offers.
 * @param {string} baseUrl  a main process
 * @param {{ email: string, password: string }} login
 * @returns {Promise<{ session: Record<string, string>, apiKey: string }>}
 */
async function ownerSessionWithApiKey(baseUrl, login) {
	const browserId = 'idp-mfa-sync-e2e';
	const signIn = await http(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'browser-id': browserId },
		json: { emailOrLdapLoginId: login.email, password: login.password },
	});
	if (signIn.status !== 200) throw new Error(`n8n login failed: ${signIn.status} ${signIn.text}`);
	const cookie = signIn.headers
		.getSetCookie()
		.map((entry) => entry.split(';')[0])
		.join('; ');
	const session = { cookie, 'browser-id': browserId };
	const scopes = await http(`${baseUrl}/rest/api-keys/scopes`, { headers: session });
	if (scopes.status !== 200) throw new Error(`n8n API key scopes: ${scopes.status} ${scopes.text}`);
	const created = await http(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: session,
		json: { label: `e2e-${Date.now()}`, scopes: scopes.json.data, expiresAt: null },
	});
	if (created.status !== 200) throw new Error(`n8n API key: ${created.status} ${created.text}`);
	return { session, apiKey: /** @type {string} */ (created.json.data.rawApiKey) };
}

/**
 * True once an n8n server (main, webhook process, or a worker's health server) reports ready.
 * @param {string} baseUrl
 */
async function isN8nReady(baseUrl) {
	return (await http(`${baseUrl}/healthz/readiness`)).status === 200;
}

module.exports = { isN8nReady, ownerSessionWithApiKey };
