#!/usr/bin/env node
// Writes the sample workflows in examples/ from one description each, so node ids, positions, the Switch
// rules and the error-workflow wiring stay consistent. Run after changing a sample:
// `node scripts/examples/build-examples.js`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const PKG = 'n8n-nodes-idp-mfa-sync';
const OKTA_CREDENTIAL = { oktaIdpApi: { id: 'oktaSandbox', name: 'Okta (sandbox)' } };
const DUO_CREDENTIAL = { duoAdminApi: { id: 'duoSandbox', name: 'Duo Security (sandbox)' } };
const N8N_API_CREDENTIAL = { n8nApi: { id: 'n8nSandbox', name: 'n8n API (this instance)' } };
const ERROR_WORKFLOW_ID = 'idpFailedEvents01';
const FAILED_EVENTS_TABLE = 'failed_identity_events';
let counter = 0;
const id = (prefix) => `${prefix}-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function trigger(name, webhookId, position, extra = {}) {
	return {
		id: id('a1d0e5a0'),
		name,
		type: `${PKG}.idpEventTrigger`,
		typeVersion: 1,
		position,
		webhookId,
		parameters: { provider: 'okta', registration: 'automatic', options: {}, ...extra },
		credentials: OKTA_CREDENTIAL,
	};
}
function duo(name, position, parameters) {
	return {
		id: id('d0d0d0d0'),
		name,
		type: `${PKG}.duoSecurity`,
		typeVersion: 1,
		position,
		parameters,
		credentials: DUO_CREDENTIAL,
	};
}
function core(prefix, name, type, typeVersion, position, parameters, extra = {}) {
	return {
		id: id(prefix),
		name,
		type: `n8n-nodes-base.${type}`,
		typeVersion,
		position,
		parameters,
		...extra,
	};
}
function connect(connections, from, to, outputIndex = 0) {
	const main = (connections[from] ??= { main: [] }).main;
	while (main.length <= outputIndex) main.push([]);
	main[outputIndex].push({ node: to, type: 'main', index: 0 });
}
function chain(connections, nodes) {
	for (let i = 1; i < nodes.length; i++) connect(connections, nodes[i - 1].name, nodes[i].name);
}
function workflow(file, name, nodes, connections, meta) {
	const body = {
		id: meta.id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1', ...(meta.settings ?? {}) },
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
		tags: [],
	};
	const target = path.join(__dirname, '..', '..', 'examples', file);
	fs.writeFileSync(target, JSON.stringify(body, null, '\t') + '\n');
}
const syncSettings = { errorWorkflow: ERROR_WORKFLOW_ID, saveDataErrorExecution: 'all' };

// 1. The one-node path.
{
	const t = trigger('IdP Event Trigger', 'okta-duo-lifecycle', [0, 0]);
	const d = duo('Apply to Duo', [280, 0], {
		resource: 'identityEvent',
		operation: 'apply',
		usernameSource: 'login',
		options: { createMissingGroups: true },
	});
	const connections = {};
	chain(connections, [t, d]);
	workflow(
		'okta-to-duo-lifecycle-sync.json',
		'Okta → Duo lifecycle sync (one node)',
		[t, d],
		connections,
		{
			id: 'oktaDuoLifecycle01',
			settings: syncSettings,
		},
	);
}

// 2. The visual path: a Switch on the event type and one explicit Duo operation per branch.
{
	const t = trigger('IdP Event Trigger', 'okta-duo-visual', [0, 300]);
	const login = '={{ $json.user.login }}';
	const byUsername = { __rl: true, mode: 'username', value: login };
	const branches = [
		{
			key: 'User created or updated',
			types: ['user.created', 'user.updated'],
			node: duo('Create or Update User', [560, 0], {
				resource: 'user',
				operation: 'upsert',
				input: 'event',
				usernameSource: 'login',
				options: {},
			}),
		},
		{
			key: 'User suspended or deactivated',
			types: ['user.suspended', 'user.deactivated'],
			node: duo('Disable User', [560, 150], {
				resource: 'user',
				operation: 'disable',
				user: byUsername,
				options: {},
			}),
		},
		{
			key: 'User reactivated',
			types: ['user.reactivated'],
			node: duo('Enable User', [560, 300], {
				resource: 'user',
				operation: 'enable',
				user: byUsername,
				options: {},
			}),
		},
		{
			key: 'User deleted',
			types: ['user.deleted'],
			node: duo('Delete User', [560, 450], {
				resource: 'user',
				operation: 'delete',
				user: byUsername,
				options: {},
			}),
		},
		{
			key: 'MFA reset',
			types: ['user.mfa_reset'],
			node: duo('Reset Enrollment', [560, 600], {
				resource: 'user',
				operation: 'resetEnrollment',
				user: byUsername,
				options: {},
			}),
		},
		{
			key: 'Member added',
			types: ['group.member_added'],
			node: duo('Add to Group', [560, 750], {
				resource: 'user',
				operation: 'syncGroups',
				user: byUsername,
				groups: '={{ $json.group.name }}',
				mode: 'add',
				options: { createMissingGroups: true },
			}),
		},
		{
			key: 'Member removed',
			types: ['group.member_removed'],
			node: duo('Remove from Group', [560, 900], {
				resource: 'user',
				operation: 'syncGroups',
				user: byUsername,
				groups: '={{ $json.group.name }}',
				mode: 'remove',
				options: {},
			}),
		},
		{
			key: 'Group created',
			types: ['group.created'],
			node: duo('Create Group', [560, 1050], {
				resource: 'group',
				operation: 'create',
				name: '={{ $json.group.name }}',
				options: {},
			}),
		},
		{
			key: 'Group renamed',
			types: ['group.renamed'],
			node: duo('Rename Group', [560, 1200], {
				resource: 'group',
				operation: 'rename',
				group: { __rl: true, mode: 'name', value: '={{ $json.group.previousName }}' },
				newName: '={{ $json.group.name }}',
				options: {},
			}),
		},
		{
			key: 'Group deleted',
			types: ['group.deleted'],
			node: duo('Delete Group', [560, 1350], {
				resource: 'group',
				operation: 'delete',
				group: { __rl: true, mode: 'name', value: '={{ $json.group.name }}' },
				options: {},
			}),
		},
	];
	const rule = (branch, index) => ({
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: branch.types.map((type, k) => ({
				id: `rule-${index}-${k}`,
				leftValue: '={{ $json.type }}',
				rightValue: type,
				operator: { type: 'string', operation: 'equals' },
			})),
			combinator: 'or',
		},
		renameOutput: true,
		outputKey: branch.key,
	});
	const sw = core('5w175w17', 'Route by Event Type', 'switch', 3.2, [280, 300], {
		rules: { values: branches.map(rule) },
		options: { fallbackOutput: 'none' },
	});
	const connections = {};
	connect(connections, t.name, sw.name);
	branches.forEach((branch, index) => connect(connections, sw.name, branch.node.name, index));
	workflow(
		'okta-to-duo-visual-sync.json',
		'Okta → Duo sync, one branch per event type',
		[t, sw, ...branches.map((b) => b.node)],
		connections,
		{
			id: 'oktaDuoVisual0001',
			settings: syncSettings,
		},
	);
}

// 3. The error workflow: one data-table row per identity event of a failed sync execution.
{
	const columns = [
		'eventId',
		'eventType',
		'idp',
		'tenant',
		'userLogin',
		'groupName',
		'workflowName',
		'executionId',
		'executionUrl',
		'failedNode',
		'error',
		'event',
	];
	const extractEvents = [
		'// One row per identity event the failed execution received. Events are found by shape (the',
		"// IdP Event Trigger's items), so renamed nodes and Switch branches need no change here.",
		"const failure = $('Error Trigger').first().json;",
		'const execution = $input.first().json;',
		'const runData = execution.data?.resultData?.runData ?? {};',
		'const seen = new Set();',
		'const rows = [];',
		'for (const runs of Object.values(runData)) {',
		'\tfor (const output of runs?.[0]?.data?.main ?? []) {',
		'\t\tfor (const item of output ?? []) {',
		'\t\t\tconst event = item?.json;',
		'\t\t\tif (!event?.type || !Array.isArray(event.source?.eventIds) || seen.has(event.id)) continue;',
		'\t\t\tseen.add(event.id);',
		'\t\t\trows.push({',
		'\t\t\t\tjson: {',
		'\t\t\t\t\teventId: event.id,',
		'\t\t\t\t\teventType: event.type,',
		'\t\t\t\t\tidp: event.source.idp,',
		'\t\t\t\t\ttenant: event.source.tenant,',
		"\t\t\t\t\tuserLogin: event.user?.login ?? event.user?.email ?? event.user?.id ?? '',",
		"\t\t\t\t\tgroupName: event.group?.name ?? '',",
		"\t\t\t\t\tworkflowName: failure.workflow?.name ?? '',",
		'\t\t\t\t\texecutionId: String(failure.execution.id),',
		"\t\t\t\t\texecutionUrl: failure.execution.url ?? '',",
		"\t\t\t\t\tfailedNode: failure.execution.lastNodeExecuted ?? '',",
		"\t\t\t\t\terror: failure.execution.error?.message ?? '',",
		'\t\t\t\t\tevent: JSON.stringify(event),',
		'\t\t\t\t},',
		'\t\t\t});',
		'\t\t}',
		'\t}',
		'}',
		'return rows;',
	].join('\n');
	const note = [
		'## Record failed identity events',
		"Pick this workflow as **Error workflow** in a sync workflow's settings (the Okta → Duo samples name it by id; after importing them in the editor, which assigns new ids, pick it again there). When a sync execution fails, every identity event it received becomes a row of the data table `" +
			FAILED_EVENTS_TABLE +
			'`: the IdP event id, type, user, the failed execution and its error, and the event itself.',
		'',
		'**Setup:** an **n8n API** credential for this instance (Settings → n8n API → Create an API key; Base URL `https://<your n8n>/api/v1`), so the workflow can read the failed execution. Keep saving failed production executions (the samples set it). **Publish** this workflow: n8n runs only published error workflows.',
		'',
		'**Replay**, once the cause is fixed:',
		"1. Open the row's `executionUrl` and click **Retry** (or `POST /api/v1/executions/<executionId>/retry`). The sync runs again from the failed node with the same events; Duo operations are idempotent, so events that went through before change nothing.",
		'2. Or parse the row\'s `event` column (`JSON.parse`) and feed it to a Duo Security **Apply Identity Event** node, for example from a Data table "Get" node and a Code node.',
		'',
		"Re-posting the IdP's delivery to the trigger's URL does not replay it: the trigger ignores event ids it has already started an execution for (Options → Duplicate Window).",
	].join('\n');

	const errorTrigger = core('e4404e40', 'Error Trigger', 'errorTrigger', 1, [0, 0], {});
	const hasExecution = core('f1f1f1f1', 'Failed Execution?', 'filter', 2.2, [220, 0], {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: 'has-execution-id',
					leftValue: '={{ $json.execution?.id }}',
					rightValue: '',
					operator: { type: 'string', operation: 'exists', singleValue: true },
				},
			],
			combinator: 'and',
		},
		looseTypeValidation: true,
		options: {},
	});
	const ensureTable = core('da7a7ab1', 'Ensure Failed Events Table', 'dataTable', 1.1, [440, 0], {
		resource: 'table',
		operation: 'create',
		tableName: FAILED_EVENTS_TABLE,
		columns: { column: columns.map((name) => ({ name, type: 'string' })) },
		options: { createIfNotExists: true },
	});
	const getExecution = core(
		'e8ec0001',
		'Get Failed Execution',
		'n8n',
		1,
		[660, 0],
		{
			resource: 'execution',
			operation: 'get',
			executionId: "={{ $('Error Trigger').item.json.execution.id }}",
			options: { activeWorkflows: true },
		},
		{ credentials: N8N_API_CREDENTIAL },
	);
	const extract = core('c0dec0de', 'Identity Events of the Execution', 'code', 2, [880, 0], {
		jsCode: extractEvents,
	});
	const record = core('da7a7ab2', 'Record Failed Events', 'dataTable', 1.1, [1100, 0], {
		resource: 'row',
		operation: 'insert',
		dataTableId: { __rl: true, mode: 'name', value: FAILED_EVENTS_TABLE },
		columns: {
			mappingMode: 'autoMapInputData',
			value: {},
			matchingColumns: [],
			schema: [],
			attemptToConvertTypes: false,
			convertFieldsToString: false,
		},
		options: {},
	});
	const sticky = core('57c4e700', 'How to Replay', 'stickyNote', 1, [0, 220], {
		content: note,
		height: 420,
		width: 760,
	});
	const connections = {};
	chain(connections, [errorTrigger, hasExecution, ensureTable, getExecution, extract, record]);
	workflow(
		'error-workflow-record-failed-events.json',
		'Record failed identity events (error workflow)',
		[errorTrigger, hasExecution, ensureTable, getExecution, extract, record, sticky],
		connections,
		{
			id: ERROR_WORKFLOW_ID,
		},
	);
}
console.log('examples written');
