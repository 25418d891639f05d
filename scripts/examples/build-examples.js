#!/usr/bin/env node
// Writes the sample workflows in examples/ from one description each, so node ids, positions and the Switch
// rules stay consistent. Run after changing a sample: `node scripts/examples/build-examples.js`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const PKG = 'n8n-nodes-idp-mfa-sync';
const OKTA_CREDENTIAL = { oktaIdpApi: { id: 'oktaSandbox', name: 'Okta (sandbox)' } };
const DUO_CREDENTIAL = { duoAdminApi: { id: 'duoSandbox', name: 'Duo Security (sandbox)' } };
let counter = 0;
const id = (prefix) => `${prefix}-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function trigger(name, webhookId, position, extra = {}) {
	return {
		id: id('a1d0e5a0'), name, type: `${PKG}.idpEventTrigger`, typeVersion: 1, position, webhookId,
		parameters: { provider: 'okta', registration: 'automatic', options: {}, ...extra },
		credentials: OKTA_CREDENTIAL,
	};
}
function duo(name, position, parameters) {
	return { id: id('d0d0d0d0'), name, type: `${PKG}.duoSecurity`, typeVersion: 1, position, parameters, credentials: DUO_CREDENTIAL };
}
function connect(connections, from, to, outputIndex = 0) {
	const main = (connections[from] ??= { main: [] }).main;
	while (main.length <= outputIndex) main.push([]);
	main[outputIndex].push({ node: to, type: 'main', index: 0 });
}
function workflow(file, name, nodes, connections, meta) {
	const body = { id: meta.id, name, nodes, connections, settings: { executionOrder: 'v1', ...(meta.settings ?? {}) }, pinData: {}, meta: { templateCredsSetupCompleted: false }, tags: [] };
	fs.writeFileSync(path.join(__dirname, '..', '..', 'examples', file), JSON.stringify(body, null, '\t') + '\n');
}

// 1. The one-node path.
{
	const t = trigger('IdP Event Trigger', 'okta-duo-lifecycle', [0, 0]);
	const d = duo('Apply to Duo', [280, 0], { resource: 'identityEvent', operation: 'apply', usernameSource: 'login', options: { createMissingGroups: true } });
	const connections = {};
	connect(connections, t.name, d.name);
	workflow('okta-to-duo-lifecycle-sync.json', 'Okta → Duo lifecycle sync (one node)', [t, d], connections, { id: 'oktaDuoLifecycle01' });
}

// 2. The visual path: a Switch on the event type and one explicit Duo operation per branch.
{
	const t = trigger('IdP Event Trigger', 'okta-duo-visual', [0, 300]);
	const login = '={{ $json.user.login }}';
	const byUsername = { __rl: true, mode: 'username', value: login };
	const branches = [
		{ key: 'User created or updated', types: ['user.created', 'user.updated'], node: duo('Create or Update User', [560, 0], { resource: 'user', operation: 'upsert', input: 'event', usernameSource: 'login', options: {} }) },
		{ key: 'User suspended or deactivated', types: ['user.suspended', 'user.deactivated'], node: duo('Disable User', [560, 150], { resource: 'user', operation: 'disable', user: byUsername, options: {} }) },
		{ key: 'User reactivated', types: ['user.reactivated'], node: duo('Enable User', [560, 300], { resource: 'user', operation: 'enable', user: byUsername, options: {} }) },
		{ key: 'User deleted', types: ['user.deleted'], node: duo('Delete User', [560, 450], { resource: 'user', operation: 'delete', user: byUsername, options: {} }) },
		{ key: 'MFA reset', types: ['user.mfa_reset'], node: duo('Reset Enrollment', [560, 600], { resource: 'user', operation: 'resetEnrollment', user: byUsername, options: {} }) },
		{ key: 'Member added', types: ['group.member_added'], node: duo('Add to Group', [560, 750], { resource: 'user', operation: 'syncGroups', user: byUsername, groups: '={{ $json.group.name }}', mode: 'add', options: { createMissingGroups: true } }) },
		{ key: 'Member removed', types: ['group.member_removed'], node: duo('Remove from Group', [560, 900], { resource: 'user', operation: 'syncGroups', user: byUsername, groups: '={{ $json.group.name }}', mode: 'remove', options: {} }) },
		{ key: 'Group created', types: ['group.created'], node: duo('Create Group', [560, 1050], { resource: 'group', operation: 'create', name: '={{ $json.group.name }}', options: {} }) },
		{ key: 'Group renamed', types: ['group.renamed'], node: duo('Rename Group', [560, 1200], { resource: 'group', operation: 'rename', group: { __rl: true, mode: 'name', value: '={{ $json.group.previousName }}' }, newName: '={{ $json.group.name }}', options: {} }) },
		{ key: 'Group deleted', types: ['group.deleted'], node: duo('Delete Group', [560, 1350], { resource: 'group', operation: 'delete', group: { __rl: true, mode: 'name', value: '={{ $json.group.name }}' }, options: {} }) },
	];
	const rule = (branch, index) => ({
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: branch.types.map((type, k) => ({ id: `rule-${index}-${k}`, leftValue: '={{ $json.type }}', rightValue: type, operator: { type: 'string', operation: 'equals' } })),
			combinator: 'or',
		},
		renameOutput: true,
		outputKey: branch.key,
	});
	const sw = { id: id('5w175w17'), name: 'Route by Event Type', type: 'n8n-nodes-base.switch', typeVersion: 3.2, position: [280, 300], parameters: { rules: { values: branches.map(rule) }, options: { fallbackOutput: 'none' } } };
	const connections = {};
	connect(connections, t.name, sw.name);
	branches.forEach((branch, index) => connect(connections, sw.name, branch.node.name, index));
	workflow('okta-to-duo-visual-sync.json', 'Okta → Duo sync, one branch per event type', [t, sw, ...branches.map((b) => b.node)], connections, { id: 'oktaDuoVisual0001' });
}
console.log('examples written');
