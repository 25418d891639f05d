// The three workflows bench/ack compares, each a trigger with nothing after it, and the Okta deliveries it sends.
'use strict';
const { IDENTITY_ENGINE_FACTORS, oktaDelivery, oktaEvents } = require('../../scripts/demo/oktaDeliveries');

const CREDENTIAL = { id: 'ackBenchOkta0001', name: 'Okta (bench)' };
const TRIGGER_TYPE = 'n8n-nodes-idp-mfa-sync.idpEventTrigger';
const TRIGGER_VERSION = Number(process.env.ACK_BENCH_TRIGGER_VERSION || 1.1);

/** A: n8n's core Webhook node, responding on receipt; the reference every figure is a ratio to. */
const A = { key: 'A', id: 'ackBenchCoreHook', webhookId: 'ack-bench-core-webhook', label: "n8n's Webhook node" };
/** B: the IdP Event Trigger for Okta, registered automatically, enrichment off. */
const B = { key: 'B', id: 'ackBenchTriggerB', webhookId: 'ack-bench-trigger-no-enrich', label: 'IdP Event Trigger, enrichment off' };
/** C: the same with enrichment on, against the fake Okta. */
const C = { key: 'C', id: 'ackBenchTriggerC', webhookId: 'ack-bench-trigger-enrich', label: 'IdP Event Trigger, enrichment on' };

const WORKFLOWS = { A, B, C };

function coreWebhookWorkflow() {
	return {
		id: A.id,
		name: 'ack bench A: core Webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: `${A.id}-node`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: A.webhookId,
				parameters: { httpMethod: 'POST', path: A.webhookId, responseMode: 'onReceived', options: {} },
			},
		],
	};
}

function triggerWorkflow(workflow, enrich) {
	return {
		id: workflow.id,
		name: `ack bench ${workflow.key}: ${workflow.label}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: `${workflow.id}-node`,
				name: 'IdP Event Trigger',
				type: TRIGGER_TYPE,
				// What the node editor adds today. Version 1 costs n8n an expression (an isolate) per request.
				typeVersion: TRIGGER_VERSION,
				position: [0, 0],
				webhookId: workflow.webhookId,
				parameters: {
					provider: 'okta',
					registration: 'automatic',
					events: ['user.suspended', 'user.reactivated', 'user.deactivated', 'user.mfa_reset'],
					options: { enrich },
				},
				credentials: { oktaIdpApi: CREDENTIAL },
			},
		],
	};
}

function benchWorkflows() {
	return [coreWebhookWorkflow(), triggerWorkflow(B, false), triggerWorkflow(C, true)];
}

function benchCredentials(okta) {
	return [{ ...CREDENTIAL, type: 'oktaIdpApi', data: { orgUrl: okta.url, apiToken: okta.apiToken } }];
}

/** The fake Okta's directory: `count` users the deliveries are about. */
function benchUsers(count) {
	return Array.from({ length: count }, (_, i) => {
		const n = String(i + 1).padStart(6, '0');
		return { id: `00uACKBENCH${n}00`, profile: { login: `user${n}@acme.test`, email: `user${n}@acme.test`, firstName: 'User', lastName: n } };
	});
}

/**
 * `size` events about distinct users, taken round-robin from `users` from `offset`: suspensions and
 * unsuspensions, and every tenth an MFA factor reset. Every event has a fresh uuid, so none is a duplicate.
 */
function deliveryBody(orgUrl, users, size, offset) {
	const events = [];
	for (let i = 0; i < size; i++) {
		const user = users[(offset + i) % users.length];
		const ref = { id: user.id, login: user.profile.login };
		if (i % 10 === 9) events.push(...oktaEvents.factorsReset(ref, [IDENTITY_ENGINE_FACTORS[0]]));
		else events.push(...(i % 2 === 0 ? oktaEvents.suspended(ref) : oktaEvents.unsuspended(ref)));
	}
	return JSON.stringify(oktaDelivery({ orgUrl, hookId: 'bench' }, events));
}

module.exports = { WORKFLOWS, benchWorkflows, benchCredentials, benchUsers, deliveryBody };
