'use strict';

/**
 * Okta Event Hook deliveries for sandbox users, shaped like the captured deliveries in
 * nodes/IdpEventTrigger/providers/okta/fixtures/ (envelope, System Log events, targets). Used by the
 * real-n8n e2e tests and `npm run demo` to drive the trigger the way Okta does.
 */

const { randomUUID } = require('node:crypto');

/**
 * @typedef {object} OktaUserRef
 * @property {string} id        Okta user id (00u…)
 * @property {string} login     Okta username, sent as the target's alternateId
 * @property {string} [displayName]
 */

/**
 * @typedef {object} OktaGroupRef
 * @property {string} id        Okta group id (00g…)
 * @property {string} name
 */

/**
 * @typedef {object} OktaFactorRef
 * @property {string} id         enrollment id
 * @property {string} name       e.g. `Okta Verify`
 * @property {string} factorType e.g. `push`, `signed_nonce`, `web`
 * @property {string} provider   e.g. `OKTA`, `DUO`
 */

/**
 * @typedef {{ uuid: string, published: string, eventType: string,
 *   target: Array<Record<string, unknown>>, debugContext: { debugData: Record<string, unknown> },
 *   [key: string]: unknown }} OktaLogEvent
 */

const ACTOR = {
	id: '00uADMIN000000000001',
	type: 'User',
	alternateId: 'it.admin@acme.test',
	displayName: 'IT Admin',
	detailEntry: null,
};

/** What Identity Engine deactivates, one event each, when an admin resets a user's authenticators. */
const IDENTITY_ENGINE_FACTORS = /** @type {OktaFactorRef[]} */ ([
	{ id: 'pfdpush0001', name: 'Okta Verify', factorType: 'push', provider: 'OKTA' },
	{ id: 'pfdsignedno0001', name: 'Okta Verify', factorType: 'signed_nonce', provider: 'OKTA' },
	{ id: 'pfdweb0001', name: 'Duo Security', factorType: 'web', provider: 'DUO' },
]);

let clock = Date.now();
/** Strictly increasing publish times: the trigger orders a delivery's events by `published`. */
const nextPublished = () => {
	clock = Math.max(clock + 1, Date.now());
	return new Date(clock).toISOString();
};

/** @param {OktaUserRef} user */
const userTarget = (user) => ({
	id: user.id,
	type: 'User',
	alternateId: user.login,
	displayName: user.displayName ?? user.login,
	detailEntry: null,
});

/** @param {OktaGroupRef} group */
const groupTarget = (group) => ({
	id: group.id,
	type: 'UserGroup',
	alternateId: 'unknown',
	displayName: group.name,
	detailEntry: null,
});

/** @param {OktaFactorRef} factor */
const factorTarget = (factor) => ({
	id: factor.id,
	type: 'AuthenticatorEnrollment',
	alternateId: 'unknown',
	displayName: factor.name,
	detailEntry: {
		methodTypeUsed: factor.name,
		factorType: factor.factorType,
		provider: factor.provider,
	},
});

/**
 * One System Log event as an Event Hook carries it.
 * @param {string} eventType
 * @param {string} displayMessage
 * @param {Array<Record<string, unknown>>} target
 * @param {string | null} [reason]
 * @returns {OktaLogEvent}
 */
function logEvent(eventType, displayMessage, target, reason = null) {
	const uuid = randomUUID();
	return {
		uuid,
		published: nextPublished(),
		eventType,
		version: '0',
		displayMessage,
		severity: 'INFO',
		legacyEventType: null,
		actor: ACTOR,
		client: {
			ipAddress: '198.51.100.7',
			userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' },
			zone: 'null',
			device: 'Computer',
		},
		outcome: { result: 'SUCCESS', reason },
		target,
		transaction: { type: 'WEB', id: `tx${uuid.slice(0, 8)}`, detail: {} },
		debugContext: { debugData: { requestId: `req${uuid.slice(0, 8)}`, requestUri: '/api/v1/...' } },
		authenticationContext: { externalSessionId: 'trs0000000', authenticationStep: 0 },
		securityContext: {},
	};
}

/** Builders for the Okta events the samples react to; each returns a list of events. */
const oktaEvents = {
	/** @param {OktaUserRef} user */
	userCreated: (user) => [
		logEvent('user.lifecycle.create', 'Create Okta user', [userTarget(user)]),
	],
	/** @param {OktaUserRef} user @param {string[]} [changedAttributes] */
	profileUpdated: (user, changedAttributes = ['lastName', 'email']) => {
		const event = logEvent('user.account.update_profile', 'Update user profile for Okta', [
			userTarget(user),
		]);
		Object.assign(event.debugContext.debugData, { changedAttributes: changedAttributes.join(',') });
		return [event];
	},
	/** @param {OktaUserRef} user */
	suspended: (user) => [
		logEvent('user.lifecycle.suspend', 'Suspend Okta user', [userTarget(user)]),
	],
	/** @param {OktaUserRef} user */
	unsuspended: (user) => [
		logEvent('user.lifecycle.unsuspend', 'Unsuspend Okta user', [userTarget(user)]),
	],
	/** @param {OktaUserRef} user */
	deactivated: (user) => [
		logEvent('user.lifecycle.deactivate', 'Deactivate Okta user', [userTarget(user)]),
	],
	/** @param {OktaUserRef} user */
	deleted: (user) => [
		logEvent('user.lifecycle.delete.initiated', 'Delete Okta user', [userTarget(user)]),
	],
	/** @param {OktaUserRef} user @param {OktaGroupRef} group */
	memberAdded: (user, group) => [
		logEvent('group.user_membership.add', 'Add user to group membership', [
			userTarget(user),
			groupTarget(group),
		]),
	],
	/** @param {OktaUserRef} user @param {OktaGroupRef} group */
	memberRemoved: (user, group) => [
		logEvent('group.user_membership.remove', 'Remove user from group membership', [
			userTarget(user),
			groupTarget(group),
		]),
	],
	/**
	 * An Identity Engine MFA reset: one `user.mfa.factor.deactivate` per enrolled factor.
	 * @param {OktaUserRef} user
	 * @param {OktaFactorRef[]} [factors]
	 */
	factorsReset: (user, factors = IDENTITY_ENGINE_FACTORS) =>
		factors.map((factor) =>
			logEvent(
				'user.mfa.factor.deactivate',
				'Reset factor for user',
				[userTarget(user), factorTarget(factor)],
				`User reset ${factor.factorType.toUpperCase()} factor`,
			),
		),
};

/**
 * An Event Hook delivery envelope carrying `events` in order. `source` names the org and hook, so the
 * trigger reports the org's host as the event's tenant.
 * @param {{ orgUrl: string, hookId: string }} hook
 * @param {OktaLogEvent[]} events
 */
function oktaDelivery(hook, events) {
	return {
		eventType: 'com.okta.event_hook',
		eventTypeVersion: '1.0',
		cloudEventsVersion: '0.1',
		source: `${hook.orgUrl.replace(/\/+$/, '')}/api/v1/eventHooks/${hook.hookId}`,
		eventId: randomUUID(),
		eventTime: new Date().toISOString(),
		contentType: 'application/json',
		data: { events },
	};
}

module.exports = { IDENTITY_ENGINE_FACTORS, oktaDelivery, oktaEvents };
