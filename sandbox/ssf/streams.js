// Stream management of the fake transmitter (SSF 1.0 §8): the stream configuration endpoint (POST 201 / 409,
// GET one or all, PATCH, PUT, DELETE 204), status, subjects and verification, with the status codes the spec
// lists. Pure state changes; the server does HTTP, auth and pushing.
'use strict';

const { randomBytes } = require('node:crypto');

const PUSH = 'urn:ietf:rfc:8935';
const LEGACY_RISC_PUSH = 'https://schemas.openid.net/secevent/risc/delivery-method/push';
const SCHEMAS = 'https://schemas.openid.net/secevent';

/** Every CAEP 1.0 and RISC 1.0 event type. */
const ALL_EVENTS = [
	...['session-revoked', 'token-claims-change', 'credential-change', 'assurance-level-change', 'device-compliance-change', 'session-established', 'session-presented', 'risk-level-change'].map((name) => `${SCHEMAS}/caep/event-type/${name}`),
	...['account-credential-change-required', 'account-purged', 'account-disabled', 'account-enabled', 'identifier-changed', 'identifier-recycled', 'credential-compromise', 'opt-in', 'opt-out-initiated', 'opt-out-cancelled', 'opt-out-effective', 'recovery-activated', 'recovery-information-changed', 'sessions-revoked'].map((name) => `${SCHEMAS}/risc/event-type/${name}`),
];

const error = (status, description) => ({ status, body: { err: status === 404 ? 'not_found' : 'invalid_request', description } });

function isUrl(value) {
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

/**
 * @param {{ issuer: string, audience: string | string[], eventsSupported: string[], oneStreamPerReceiver: boolean,
 *   minVerificationInterval?: number }} config
 */
function createStreams(config) {
	/** @type {Map<string, any>} */
	const streams = new Map();
	const lastVerification = new Map();

	const view = (stream) => {
		const { status: _status, reason: _reason, subjects: _subjects, ...configuration } = stream;
		return JSON.parse(JSON.stringify(configuration));
	};

	function delivered(requested) {
		return (requested ?? []).filter((uri) => config.eventsSupported.includes(uri));
	}

	function checkDelivery(delivery) {
		if (delivery === undefined) return error(400, 'This transmitter delivers by push only; the request has no delivery, which means poll');
		if (typeof delivery !== 'object' || ![PUSH, LEGACY_RISC_PUSH].includes(delivery.method)) return error(400, `delivery.method must be ${PUSH}`);
		if (!isUrl(delivery.endpoint_url)) return error(400, 'delivery.endpoint_url must be an http(s) URL');
		if (delivery.authorization_header !== undefined && typeof delivery.authorization_header !== 'string') return error(400, 'delivery.authorization_header must be a string');
		return undefined;
	}

	function checkEvents(events) {
		if (events !== undefined && (!Array.isArray(events) || events.some((uri) => typeof uri !== 'string'))) return error(400, 'events_requested must be an array of URIs');
		return undefined;
	}

	/** Transmitter-supplied fields may be sent on update, but only with their current values. */
	function checkUnchanged(stream, body) {
		for (const field of ['iss', 'aud', 'events_supported', 'events_delivered', 'min_verification_interval', 'inactivity_timeout']) {
			if (body[field] !== undefined && JSON.stringify(body[field]) !== JSON.stringify(stream[field])) return error(400, `${field} is supplied by the transmitter and cannot be changed`);
		}
		return undefined;
	}

	return {
		streams,
		create(body) {
			if (body === null || typeof body !== 'object') return error(400, 'The request body must be a JSON object');
			const invalid = checkDelivery(body.delivery) ?? checkEvents(body.events_requested);
			if (invalid) return invalid;
			if (config.oneStreamPerReceiver && streams.size > 0) return error(409, 'This receiver already has a stream');
			const stream = {
				stream_id: randomBytes(16).toString('hex'),
				iss: config.issuer,
				aud: config.audience,
				delivery: { ...body.delivery },
				events_supported: [...config.eventsSupported],
				events_requested: [...(body.events_requested ?? [])],
				events_delivered: delivered(body.events_requested),
				...(config.minVerificationInterval ? { min_verification_interval: config.minVerificationInterval } : {}),
				...(typeof body.description === 'string' ? { description: body.description } : {}),
				status: 'enabled',
				subjects: [],
			};
			streams.set(stream.stream_id, stream);
			return { status: 201, body: view(stream) };
		},
		read(streamId) {
			if (streamId === null) return { status: 200, body: [...streams.values()].map(view) };
			const stream = streams.get(streamId);
			return stream ? { status: 200, body: view(stream) } : error(404, `No stream ${streamId}`);
		},
		/** PATCH changes the fields sent; PUT replaces every receiver-supplied field (missing ones are removed). */
		update(body, replace) {
			const stream = streams.get(body?.stream_id);
			if (!stream) return error(404, `No stream ${body?.stream_id}`);
			const invalid = checkUnchanged(stream, body) ?? (replace || body.delivery !== undefined ? checkDelivery(body.delivery) : undefined) ?? checkEvents(body.events_requested);
			if (invalid) return invalid;
			if (replace || body.delivery !== undefined) stream.delivery = { ...body.delivery };
			if (replace || body.events_requested !== undefined) {
				stream.events_requested = [...(body.events_requested ?? [])];
				stream.events_delivered = delivered(stream.events_requested);
			}
			if (replace) delete stream.description;
			if (typeof body.description === 'string') stream.description = body.description;
			return { status: 200, body: view(stream) };
		},
		remove(streamId) {
			if (streamId === null) return error(400, 'stream_id is required');
			if (!streams.delete(streamId)) return error(404, `No stream ${streamId}`);
			return { status: 204, body: undefined };
		},
		status(streamId) {
			const stream = streams.get(streamId);
			if (!stream) return error(404, `No stream ${streamId}`);
			return { status: 200, body: { stream_id: streamId, status: stream.status, ...(stream.reason ? { reason: stream.reason } : {}) } };
		},
		setStatus(body) {
			const stream = streams.get(body?.stream_id);
			if (!stream) return error(404, `No stream ${body?.stream_id}`);
			if (!['enabled', 'paused', 'disabled'].includes(body.status)) return error(400, 'status must be enabled, paused or disabled');
			stream.status = body.status;
			stream.reason = typeof body.reason === 'string' ? body.reason : undefined;
			return { status: 200, body: { stream_id: stream.stream_id, status: stream.status, ...(stream.reason ? { reason: stream.reason } : {}) } };
		},
		addSubject(body) {
			const stream = streams.get(body?.stream_id);
			if (!stream) return error(404, `No stream ${body?.stream_id}`);
			if (!body.subject || typeof body.subject !== 'object') return error(400, 'subject is required');
			stream.subjects.push(body.subject);
			return { status: 200, body: undefined };
		},
		removeSubject(body) {
			const stream = streams.get(body?.stream_id);
			if (!stream) return error(404, `No stream ${body?.stream_id}`);
			const key = JSON.stringify(body.subject);
			stream.subjects = stream.subjects.filter((subject) => JSON.stringify(subject) !== key);
			return { status: 204, body: undefined };
		},
		/** 204 when queued; 429 when asked again within min_verification_interval. */
		requestVerification(body, now) {
			const stream = streams.get(body?.stream_id);
			if (!stream) return error(404, `No stream ${body?.stream_id}`);
			if (body.state !== undefined && typeof body.state !== 'string') return error(400, 'state must be a string');
			const last = lastVerification.get(stream.stream_id);
			if (config.minVerificationInterval && last !== undefined && now - last < config.minVerificationInterval * 1000) {
				return { status: 429, body: { err: 'too_many_requests', description: 'Verification requested too often' } };
			}
			lastVerification.set(stream.stream_id, now);
			return { status: 204, body: undefined, stream };
		},
	};
}

module.exports = { createStreams, ALL_EVENTS, PUSH, SCHEMAS };
