// Event Streams CloudEvents (user.*, group.*) in the shape Auth0 delivers, and their delivery to webhook
// destinations with the configured bearer or basic authorization.
'use strict';

const { randomBytes } = require('node:crypto');

/**
 * @param {string} type e.g. `user.updated`
 * @param {{object: object, previous_object?: object}} data
 * @param {{tenant: string, streamId: string, prefixed?: boolean}} context
 */
function cloudEvent(type, data, context) {
	return {
		specversion: '1.0',
		type: context.prefixed ? `com.auth0.${type}` : type,
		source: `urn:auth0:${context.tenant}.fake.auth0`,
		id: `evt_${randomBytes(12).toString('hex')}`,
		time: new Date().toISOString(),
		a0tenant: context.tenant,
		a0stream: context.streamId,
		data: { ...data, context: { tenant: { id: context.tenant }, client: { id: context.clientId, name: context.clientName, metadata: {} } } },
	};
}

function authorizationHeader(authorization) {
	if (!authorization) return undefined;
	if (authorization.method === 'bearer') return `Bearer ${authorization.token}`;
	if (authorization.method === 'basic') {
		return `Basic ${Buffer.from(`${authorization.username}:${authorization.password}`).toString('base64')}`;
	}
	return undefined;
}

/**
 * POSTs one CloudEvent like Auth0: 4 attempts on network errors and 5xx, none after a 4xx.
 * @returns {Promise<{status: number, body: string, attempts: number}>}
 */
async function postEvent(stream, event) {
	const config = stream.destination.configuration;
	const headers = { 'Content-Type': 'application/cloudevents+json' };
	const authorization = authorizationHeader(config.webhook_authorization);
	if (authorization) headers.Authorization = authorization;
	let attempts = 0;
	let reply;
	do {
		attempts++;
		try {
			const response = await fetch(config.webhook_endpoint, { method: 'POST', headers, body: JSON.stringify(event), signal: AbortSignal.timeout(10000) });
			reply = { status: response.status, body: await response.text() };
		} catch (error) {
			reply = { status: 0, body: String(error?.message || error) };
		}
	} while (attempts < 4 && (reply.status === 0 || reply.status >= 500));
	return { ...reply, attempts };
}

module.exports = { cloudEvent, postEvent };
