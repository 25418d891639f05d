// Change-notification subscriptions of the fake Microsoft Graph: creation with the validationToken
// handshake to the notification and lifecycle URLs, renewal, reauthorization and deletion, and the
// delivery of basic change notifications and lifecycle notifications to the subscribers.
'use strict';

const { randomBytes, randomUUID } = require('node:crypto');

const MAX_LIFETIME_MINUTES = 41760;
const RESOURCES = { '/users': 'users', users: 'users', '/groups': 'groups', groups: 'groups' };

function graphError(status, code, message) {
	return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } } };
}

/** Graph's validation: POST <url>?validationToken=<encoded>, text/plain, 10 s; the reply must be the decoded token. */
async function validate(url, token) {
	const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
	try {
		const response = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '', signal: AbortSignal.timeout(10000) });
		const body = await response.text();
		return { url, status: response.status, ok: response.status === 200 && body === token, contentType: response.headers.get('content-type') ?? '' };
	} catch (error) {
		return { url, status: 0, ok: false, error: String(error?.message || error) };
	}
}

async function post(url, payload) {
	try {
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(10000) });
		return { status: response.status, body: await response.text() };
	} catch (error) {
		return { status: 0, body: String(error?.message || error) };
	}
}

/**
 * @param {{tenantId: string, appId: string, graphUrl: () => string, clock: () => number}} context
 */
function createSubscriptions(context) {
	/** @type {Map<string, any>} */
	const store = new Map();
	/** @type {Array<{url: string, status: number, ok: boolean}>} */
	const validations = [];
	/** @type {Array<{subscriptionId: string, notification: object}>} */
	const queue = [];

	const live = (id) => {
		const sub = store.get(id);
		if (sub && Date.parse(sub.expirationDateTime) <= context.clock()) store.delete(id);
		return store.get(id);
	};
	const badExpiration = (value) => {
		const at = Date.parse(value ?? '');
		if (!Number.isFinite(at)) return graphError(400, 'ValidationError', 'expirationDateTime is required and must be a date.');
		if (at <= context.clock()) return graphError(400, 'ValidationError', 'Subscription expiration must be in the future.');
		if (at > context.clock() + MAX_LIFETIME_MINUTES * 60000) return graphError(400, 'ValidationError', `Subscription expiration can only be ${MAX_LIFETIME_MINUTES} minutes in the future.`);
		return undefined;
	};
	const view = (sub) => ({ '@odata.context': `${context.graphUrl()}/$metadata#subscriptions/$entity`, ...sub, reauthorizationNeeded: undefined });
	const offsetDate = (iso) => iso.replace(/\.\d{3}Z$|Z$/, '+00:00');

	return {
		store,
		validations,
		queue,
		list: () => [...store.keys()].map(live).filter(Boolean).map(view),
		get(id) { const sub = live(id); return sub ? { status: 200, body: view(sub) } : graphError(404, 'ResourceNotFound', `The object was not found.`); },
		async create(body) {
			const resource = RESOURCES[body.resource];
			if (!resource) return graphError(400, 'InvalidRequest', `Unsupported resource '${body.resource}' in the fake: use /users or /groups.`);
			const types = String(body.changeType ?? '').split(',').map((t) => t.trim()).filter(Boolean);
			if (types.length === 0 || types.some((t) => !['updated', 'deleted'].includes(t))) return graphError(400, 'InvalidRequest', `The changeType '${body.changeType}' is not supported for resource ${body.resource}; use updated and deleted.`);
			if (!/^https?:\/\//.test(body.notificationUrl ?? '')) return graphError(400, 'InvalidRequest', 'notificationUrl is required.');
			if (body.clientState !== undefined && String(body.clientState).length > 128) return graphError(400, 'InvalidRequest', 'clientState must be at most 128 characters.');
			const expiration = badExpiration(body.expirationDateTime);
			if (expiration) return expiration;
			const urls = [body.notificationUrl, ...(body.lifecycleNotificationUrl ? [body.lifecycleNotificationUrl] : [])];
			for (const url of urls) {
				const result = await validate(url, `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`);
				validations.push(result);
				if (!result.ok) return graphError(400, 'ValidationError', `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. (${url}: HTTP ${result.status})`);
			}
			const sub = { id: randomUUID(), resource: body.resource, applicationId: context.appId, changeType: types.join(','), clientState: body.clientState ?? null, notificationUrl: body.notificationUrl, notificationQueryOptions: null, lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null, expirationDateTime: new Date(Date.parse(body.expirationDateTime)).toISOString(), creatorId: context.appId, includeResourceData: false, latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? 'v1_2', encryptionCertificate: null, encryptionCertificateId: null, notificationUrlAppId: null, reauthorizationNeeded: false };
			store.set(sub.id, sub);
			return { status: 201, body: view(sub) };
		},
		patch(id, body) {
			const sub = live(id);
			if (!sub) return graphError(404, 'ResourceNotFound', 'The object was not found.');
			const expiration = badExpiration(body.expirationDateTime);
			if (expiration) return expiration;
			sub.expirationDateTime = new Date(Date.parse(body.expirationDateTime)).toISOString();
			sub.reauthorizationNeeded = false;
			return { status: 200, body: view(sub) };
		},
		reauthorize(id) {
			const sub = live(id);
			if (!sub) return graphError(404, 'ResourceNotFound', 'The object was not found.');
			sub.reauthorizationNeeded = false;
			return { status: 204, body: undefined };
		},
		remove(id) {
			if (!live(id)) return graphError(404, 'ResourceNotFound', 'The object was not found.');
			store.delete(id);
			return { status: 204, body: undefined };
		},
		/** Queues a basic change notification for every live subscription on the changed resource. */
		notify(changes) {
			for (const change of changes) {
				for (const sub of [...store.keys()].map(live).filter(Boolean)) {
					if (RESOURCES[sub.resource] !== change.kind || !sub.changeType.split(',').includes(change.changeType) || sub.reauthorizationNeeded) continue;
					const collection = change.kind === 'users' ? 'Users' : 'Groups';
					const resourceData = { '@odata.type': change.kind === 'users' ? '#Microsoft.Graph.User' : '#Microsoft.Graph.Group', '@odata.id': `${collection}/${change.id}`, id: change.id, organizationId: context.tenantId };
					if (change.membersDelta) resourceData['members@delta'] = change.membersDelta;
					queue.push({ subscriptionId: sub.id, notification: { id: randomBytes(10).toString('base64url'), subscriptionId: sub.id, subscriptionExpirationDateTime: offsetDate(sub.expirationDateTime), clientState: sub.clientState, changeType: change.changeType, resource: `${collection}/${change.id}`, tenantId: context.tenantId, resourceData } });
				}
			}
		},
		/** Posts queued notifications, batched per notification URL like Graph; no retries. */
		async flush() {
			const batches = new Map();
			for (const { subscriptionId, notification } of queue.splice(0)) {
				const sub = store.get(subscriptionId);
				if (!sub) continue;
				if (!batches.has(sub.notificationUrl)) batches.set(sub.notificationUrl, []);
				batches.get(sub.notificationUrl).push(notification);
			}
			const results = [];
			for (const [url, value] of batches) results.push({ url, count: value.length, ...(await post(url, { value })) });
			return results;
		},
		/** Sends a lifecycle notification; `subscriptionRemoved` also removes the subscription, as Graph does. */
		async lifecycle(id, lifecycleEvent) {
			const sub = store.get(id);
			if (!sub) throw new Error(`subscription ${id} does not exist`);
			if (lifecycleEvent === 'reauthorizationRequired') sub.reauthorizationNeeded = true;
			if (lifecycleEvent === 'subscriptionRemoved') store.delete(id);
			const url = sub.lifecycleNotificationUrl ?? sub.notificationUrl;
			return await post(url, { value: [{ subscriptionId: sub.id, subscriptionExpirationDateTime: offsetDate(sub.expirationDateTime), tenantId: context.tenantId, clientState: sub.clientState, lifecycleEvent, resource: sub.resource }] });
		},
		/** Posts an arbitrary payload to a subscription's notification URL (replays, forgeries). */
		deliver(id, payload) {
			const sub = store.get(id);
			if (!sub) throw new Error(`subscription ${id} does not exist`);
			return post(sub.notificationUrl, payload);
		},
	};
}

module.exports = { createSubscriptions, graphError, MAX_LIFETIME_MINUTES };
