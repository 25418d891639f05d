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
const AUTH0_CREDENTIAL = { auth0IdpApi: { id: 'auth0Sandbox', name: 'Auth0 (sandbox)' } };
const ENTRA_CREDENTIAL = {
	entraIdpApi: { id: 'entraSandbox', name: 'Microsoft Entra ID (sandbox)' },
};
const GRAPH_OAUTH2_CREDENTIAL = {
	oAuth2Api: { id: 'graphRenewalOAuth2', name: 'Microsoft Graph (client credentials)' },
};
const SSF_CREDENTIAL = {
	ssfTransmitterApi: { id: 'ssfSandbox', name: 'Shared Signals transmitter (sandbox)' },
};
const PINGONE_CREDENTIAL = { pingOneMfaApi: { id: 'pingOneSandbox', name: 'PingOne (sandbox)' } };
const RSA_CREDENTIAL = { rsaSecurIdApi: { id: 'rsaSandbox', name: 'RSA SecurID (sandbox)' } };
const TENANT_A_OKTA = { oktaIdpApi: { id: 'oktaTenantA', name: 'Okta (acme.okta.com)' } };
const TENANT_B_OKTA = { oktaIdpApi: { id: 'oktaTenantB', name: 'Okta (subsidiary.okta.com)' } };
const TENANTS_PROFILE = {
	idpSyncProfileApi: { id: 'syncProfileTenants', name: 'Sync profile (Acme tenants)' },
};
/** The Entra sample's trigger webhook id; the renewal sample finds its subscriptions by it. */
const ENTRA_WEBHOOK_ID = 'entra-duo-lifecycle';
/** Graph allows at most 41,760 minutes for users and groups; a minute of slack for clock skew. */
const GRAPH_RENEWAL_MINUTES = 41700;
const ERROR_WORKFLOW_ID = 'idpFailedEvents01';
const FAILED_EVENTS_TABLE = 'failed_identity_events';
let counter = 0;
const id = (prefix) => `${prefix}-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function trigger(name, webhookId, position, extra = {}, credentials = OKTA_CREDENTIAL) {
	return {
		id: id('a1d0e5a0'),
		name,
		type: `${PKG}.idpEventTrigger`,
		typeVersion: 1,
		position,
		webhookId,
		parameters: { provider: 'okta', registration: 'automatic', options: {}, ...extra },
		credentials,
	};
}
function duo(name, position, parameters, extraCredentials = {}) {
	return {
		id: id('d0d0d0d0'),
		name,
		type: `${PKG}.duoSecurity`,
		typeVersion: 1,
		position,
		parameters,
		credentials: { ...DUO_CREDENTIAL, ...extraCredentials },
	};
}
/** An MFA node of this package other than Duo: `type` is its node name, `credentials` its credential. */
function mfaNode(type, name, position, parameters, credentials) {
	return {
		id: id('3fa00000'),
		name,
		type: `${PKG}.${type}`,
		typeVersion: 1,
		position,
		parameters,
		credentials,
	};
}
function sticky(name, position, content, size = {}) {
	return core('57c4e700', name, 'stickyNote', 1, position, {
		content,
		height: size.height ?? 300,
		width: size.width ?? 520,
	});
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
			key: 'User changed',
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
			key: 'User disabled',
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
			key: 'Joined group',
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
			key: 'Left group',
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
// 4. and 5. The one-node path for Auth0 and Microsoft Entra ID: the same Duo node, another provider.
for (const source of [
	{
		provider: 'auth0',
		file: 'auth0-to-duo-lifecycle-sync.json',
		name: 'Auth0 → Duo lifecycle sync (one node)',
		workflowId: 'auth0DuoLifecycle01',
		webhookId: 'auth0-duo-lifecycle',
		credentials: AUTH0_CREDENTIAL,
		usernameSource: 'email',
		note: [
			'## Auth0 → Duo',
			'Publishing this workflow creates an Auth0 **log stream** (custom webhook) pointing at the trigger, and unpublishing removes it. The Auth0 credential needs a Machine to Machine application authorized for the Management API with the scopes `read:log_streams`, `create:log_streams`, `delete:log_streams` (registration) and `read:users` (enrichment).',
			'',
			'Users created, updated, blocked and unblocked, deleted, role assignments (roles are groups) and MFA resets reach Duo. The Duo username is the email.',
		],
	},
	{
		provider: 'entra',
		file: 'entra-to-duo-lifecycle-sync.json',
		name: 'Microsoft Entra ID → Duo lifecycle sync (one node)',
		workflowId: 'entraDuoLifecycle01',
		webhookId: ENTRA_WEBHOOK_ID,
		credentials: ENTRA_CREDENTIAL,
		usernameSource: 'login',
		note: [
			'## Microsoft Entra ID → Duo',
			'Publishing this workflow creates Microsoft Graph subscriptions on `/users` and `/groups` (Graph validates the trigger URL, which must be public https), and unpublishing deletes them. The app registration needs the application permissions `User.Read.All` and `Group.Read.All` (admin consent).',
			'',
			'Graph subscriptions for users and groups last at most about 29 days. The trigger renews them when a notification arrives close to expiry; import **entra-subscription-renewal.json** as well so a quiet directory never lets them lapse.',
			'',
			'The Duo username is the userPrincipalName.',
		],
	},
]) {
	const t = trigger(
		'IdP Event Trigger',
		source.webhookId,
		[0, 0],
		{ provider: source.provider },
		source.credentials,
	);
	const d = duo('Apply to Duo', [280, 0], {
		resource: 'identityEvent',
		operation: 'apply',
		usernameSource: source.usernameSource,
		options: { createMissingGroups: true },
	});
	const note = sticky('About This Workflow', [0, 200], source.note.join('\n'), { width: 620 });
	const connections = {};
	chain(connections, [t, d]);
	workflow(source.file, source.name, [t, d, note], connections, {
		id: source.workflowId,
		settings: syncSettings,
	});
}

// 6. Scheduled renewal of the Entra trigger's Graph subscriptions, with n8n core nodes only.
{
	const settingsNode = "$('Renewal Settings').first().json";
	const schedule = core('5c4ed01e', 'Every Day', 'scheduleTrigger', 1.2, [0, 0], {
		rule: { interval: [{ field: 'days', daysInterval: 1, triggerAtHour: 3 }] },
	});
	const settings = core('5e771295', 'Renewal Settings', 'set', 3.4, [220, 0], {
		assignments: {
			assignments: [
				{
					id: 'graph-base-url',
					name: 'graphBaseUrl',
					value: 'https://graph.microsoft.com/v1.0',
					type: 'string',
				},
				{
					id: 'trigger-path',
					name: 'triggerPath',
					value: `/webhook/${ENTRA_WEBHOOK_ID}/events`,
					type: 'string',
				},
				{
					id: 'renewal-minutes',
					name: 'renewalMinutes',
					value: GRAPH_RENEWAL_MINUTES,
					type: 'number',
				},
			],
		},
		options: {},
	});
	const oauth = { authentication: 'genericCredentialType', genericAuthType: 'oAuth2Api' };
	const list = core(
		'115751b5',
		'List Subscriptions',
		'httpRequest',
		4.2,
		[440, 0],
		{ url: '={{ $json.graphBaseUrl }}/subscriptions', ...oauth, options: {} },
		{ credentials: GRAPH_OAUTH2_CREDENTIAL },
	);
	const split = core('5b117047', 'One Item per Subscription', 'splitOut', 1, [660, 0], {
		fieldToSplitOut: 'value',
		options: {},
	});
	const keep = core('f1f1f1f2', "Only the Trigger's Subscriptions", 'filter', 2.2, [880, 0], {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: 'notification-url',
					leftValue: '={{ $json.notificationUrl }}',
					rightValue: `={{ ${settingsNode}.triggerPath }}`,
					operator: { type: 'string', operation: 'endsWith' },
				},
			],
			combinator: 'and',
		},
		looseTypeValidation: true,
		options: {},
	});
	const renew = core(
		'9a7c4e01',
		'Renew Subscription',
		'httpRequest',
		4.2,
		[1100, 0],
		{
			method: 'PATCH',
			url: `={{ ${settingsNode}.graphBaseUrl }}/subscriptions/{{ $json.id }}`,
			...oauth,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ expirationDateTime: $now.plus({ minutes: ${settingsNode}.renewalMinutes }).toUTC().toISO() }) }}`,
			options: {},
		},
		{ credentials: GRAPH_OAUTH2_CREDENTIAL },
	);
	const note = sticky(
		'How to Set Up',
		[0, 200],
		[
			"## Renew the Entra trigger's Graph subscriptions",
			'Graph subscriptions for users and groups expire after at most 41,760 minutes (about 29 days), and a webhook trigger has no timer. The trigger renews them when notifications arrive; this workflow renews them every day, so a quiet directory never lets them lapse.',
			'',
			'**Setup:**',
			'1. An **OAuth2 API** credential: Grant Type *Client Credentials*, Access Token URL `https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token`, the Client ID and Client Secret of the same app registration as the trigger, Scope `https://graph.microsoft.com/.default`, Authentication *Send Credentials in Body*.',
			`2. In **Renewal Settings**, \`triggerPath\` is the end of the trigger's production URL (\`/webhook/${ENTRA_WEBHOOK_ID}/events\` for the sample; copy yours from the trigger). Only subscriptions whose notification URL ends with it are renewed. For a national cloud, change \`graphBaseUrl\`.`,
			'3. **Publish** this workflow.',
			'',
			'A subscription that already lapsed cannot be renewed: unpublish and publish the sync workflow to recreate it, then run a reconcile for what was missed.',
		].join('\n'),
		{ height: 420, width: 760 },
	);
	const connections = {};
	chain(connections, [schedule, settings, list, split, keep, renew]);
	workflow(
		'entra-subscription-renewal.json',
		'Renew Microsoft Graph subscriptions of the Entra trigger (daily)',
		[schedule, settings, list, split, keep, renew, note],
		connections,
		{ id: 'entraGraphRenewal1' },
	);
}

// 7. Two Okta tenants, one Duo node: the Sync Profile credential holds one profile per tenant.
{
	const profile = fs.readFileSync(
		path.join(__dirname, '..', '..', 'examples', 'profiles', 'two-tenants.json'),
		'utf8',
	);
	const a = trigger('Okta: acme.okta.com', 'okta-tenant-a-duo', [0, 0], {}, TENANT_A_OKTA);
	const b = trigger('Okta: subsidiary.okta.com', 'okta-tenant-b-duo', [0, 200], {}, TENANT_B_OKTA);
	const d = duo(
		'Apply to Duo',
		[300, 100],
		{
			resource: 'identityEvent',
			operation: 'apply',
			mapping: 'credential',
			options: {},
		},
		TENANTS_PROFILE,
	);
	const note = sticky(
		'How Tenants Are Told Apart',
		[0, 400],
		[
			'## Two Okta orgs, one Duo node, one profile per tenant',
			"Each trigger uses its own Okta credential. Every event names its tenant (the Okta org's host), and the Duo node's **Sync Profile** credential holds a tenant set: the profile under that host applies. Adding a tenant means one more trigger and one more entry in the profile, not another copy of the Duo node.",
			'',
			'Paste this into the IdP Sync Profile API credential (examples/profiles/two-tenants.json), with your org hosts as keys:',
			'```json',
			profile.trim(),
			'```',
			'Events the rules leave out (here: subsidiary contractors) are skipped, and the output item says why. An invalid profile stops the node before any Duo write, naming the path of each problem.',
		].join('\n'),
		{ height: 760, width: 760 },
	);
	const connections = {};
	connect(connections, a.name, d.name);
	connect(connections, b.name, d.name);
	workflow(
		'two-tenant-okta-to-duo.json',
		'Two Okta tenants → Duo, one mapping profile per tenant',
		[a, b, d, note],
		connections,
		{ id: 'twoTenantOktaDuo01', settings: syncSettings },
	);
}
// 8. Reconcile: the nightly drift report (a dry run), and the first-day backfill (the same plan, applied).
function directoryReader(name, position) {
	return {
		id: id('d1d1d1d1'),
		name,
		type: `${PKG}.idpDirectory`,
		typeVersion: 1,
		position,
		parameters: { provider: 'okta', resource: 'user', operation: 'getAll', filters: {} },
		credentials: OKTA_CREDENTIAL,
	};
}
const reconcileParameters = (dryRun) => ({
	resource: 'directory',
	operation: 'reconcile',
	dryRun,
	usernameSource: 'login',
	options: { orphans: 'disable' },
});
{
	const schedule = core('5c4ed01f', 'Every Night', 'scheduleTrigger', 1.2, [0, 0], {
		rule: { interval: [{ field: 'days', daysInterval: 1, triggerAtHour: 2 }] },
	});
	const read = directoryReader('Read the Okta Directory', [220, 0]);
	const plan = duo('Plan the Duo Changes', [440, 0], reconcileParameters(true));
	const summary = core('f1f1f1f3', 'Summary Only', 'filter', 2.2, [660, 0], {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [
				{
					id: 'is-summary',
					leftValue: '={{ $json.action }}',
					rightValue: 'reconcile',
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		options: {},
	});
	const report = core('0e0e0e01', 'Drift Report', 'noOp', 1, [880, 0], {});
	const note = sticky(
		'What the Report Says',
		[0, 240],
		[
			'## Nightly drift report: Okta directory vs Duo, nothing written',
			"**Plan the Duo Changes** runs Reconcile as a dry run: it lists Duo once and plans what would bring it in line with Okta's whole directory. Its first item is the summary (counts per action, drift by field, orphans, excluded users); every other item is one planned change with its before and after.",
			'',
			'**Summary Only** keeps the summary. Replace **Drift Report** with Slack, email or a data table to see drift the events did not fix (lost deliveries, changes made directly in Duo).',
		].join('\n'),
		{ height: 300, width: 880 },
	);
	const connections = {};
	chain(connections, [schedule, read, plan, summary, report]);
	workflow('okta-directory-to-duo-drift-report.json', 'Okta directory → Duo drift report (nightly dry run)', [schedule, read, plan, summary, report, note], connections, {
		id: 'oktaDuoDriftReport01',
	});
}
{
	const start = core('3a3a3a01', 'Start Backfill', 'manualTrigger', 1, [0, 0], {});
	const read = directoryReader('Read the Okta Directory', [220, 0]);
	const apply = duo('Bring Duo in Line', [440, 0], reconcileParameters(false));
	const note = sticky(
		'First Day',
		[0, 240],
		[
			'## First day: backfill Duo from the Okta directory',
			'1. Run **examples/okta-directory-to-duo-drift-report.json** first (a dry run) and read its plan.',
			'2. Run this workflow: **Bring Duo in Line** applies the same plan, four users at a time within 10 requests a second, and ends with a summary. Users already in Duo are found by username and get the Okta id in alias1; Duo users without it are never touched.',
			'3. Publish the event workflow (examples/okta-to-duo-lifecycle-sync.json) so that changes follow within seconds.',
			'',
			'A plan that would disable or delete more than 50 users (or 10% of a tenant of 100 or more) writes nothing and says how to go on. After a failure, run it again: it plans from what Duo holds then and never repeats a change.',
		].join('\n'),
		{ height: 320, width: 700 },
	);
	const connections = {};
	chain(connections, [start, read, apply]);
	workflow('okta-directory-to-duo-backfill.json', 'Okta directory → Duo backfill (first day)', [start, read, apply, note], connections, {
		id: 'oktaDuoBackfill01',
	});
}
// 9. Shared Signals (CAEP / RISC) into Duo: a revoked or compromised credential resets the user's Duo devices.
{
	const t = trigger(
		'IdP Event Trigger',
		'ssf-duo-lifecycle',
		[0, 0],
		{
			provider: 'ssf',
			events: ['user.suspended', 'user.reactivated', 'user.deleted', 'user.updated', 'user.mfa_reset'],
		},
		SSF_CREDENTIAL,
	);
	const d = duo('Apply to Duo', [280, 0], {
		resource: 'identityEvent',
		operation: 'apply',
		usernameSource: 'email',
		options: { resetOn: 'anyReset' },
	});
	const note = sticky(
		'About This Workflow',
		[0, 200],
		[
			'## Shared Signals → Duo',
			"Publishing this workflow reads the transmitter's `/.well-known/ssf-configuration`, creates a push stream (RFC 8935) to the trigger for the CAEP and RISC events behind the selected ones, and asks for a verification event; unpublishing deletes the stream. SETs are verified against the transmitter's JWKS.",
			'',
			'**Credential:** the transmitter\'s exact Issuer and a bearer token for its stream API (Okta: an OAuth 2.0 token with `ssf.manage` and `ssf.read`).',
			'',
			"`credential-change` (revoke, delete) and `credential-compromise` become an MFA reset: **Reset On: Any MFA Reset** removes the user's Duo devices and keeps the user (a non-destructive reset). `account-disabled` / `account-enabled` disable and enable the Duo user, `account-purged` deletes it. The Duo username is the email of the SET's subject; pick a **User Directory** on the trigger to enrich subjects that carry only an id.",
		].join('\n'),
		{ height: 360, width: 680 },
	);
	const connections = {};
	chain(connections, [t, d]);
	workflow('ssf-to-duo-lifecycle-sync.json', 'Shared Signals (CAEP / RISC) → Duo lifecycle sync', [t, d, note], connections, {
		id: 'ssfDuoLifecycle01',
		settings: syncSettings,
	});
}
// 10. and 11. The one-node path to the other MFA providers: Okta → PingOne MFA, Microsoft Entra ID → RSA SecurID.
for (const sample of [
	{
		provider: 'okta',
		file: 'okta-to-pingone-lifecycle-sync.json',
		name: 'Okta → PingOne MFA lifecycle sync (one node)',
		workflowId: 'oktaPingOneSync01',
		webhookId: 'okta-pingone-lifecycle',
		triggerCredentials: OKTA_CREDENTIAL,
		node: mfaNode(
			'pingOneMfa',
			'Apply to PingOne',
			[280, 0],
			{
				resource: 'identityEvent',
				operation: 'apply',
				usernameSource: 'login',
				options: { createMissingGroups: true },
			},
			PINGONE_CREDENTIAL,
		),
		note: [
			'## Okta → PingOne MFA',
			'Publishing this workflow creates, verifies and activates an Okta event hook pointing at the trigger; unpublishing removes it. The Okta credential needs an API token of an admin who may manage event hooks and read users and groups.',
			'',
			'The PingOne MFA credential is a **worker application** in the environment the users live in, with the roles **Identity Data Admin** (users, groups, memberships, MFA devices) on that environment. Its token endpoint authentication method must match the credential (Client Secret Basic or Post).',
			'',
			'Users are created, updated, disabled, enabled and deleted in PingOne with their Okta login as username (PingOne needs an email to create a user); the Okta user ID is kept in the externalId attribute, so renames follow. Group memberships follow Okta, missing groups are created, and an Okta MFA reset of all factors removes every PingOne MFA device of the user.',
		],
	},
	{
		provider: 'entra',
		file: 'entra-to-rsa-lifecycle-sync.json',
		name: 'Microsoft Entra ID → RSA SecurID lifecycle sync (one node)',
		workflowId: 'entraRsaSync0001',
		webhookId: 'entra-rsa-lifecycle',
		triggerCredentials: ENTRA_CREDENTIAL,
		node: mfaNode(
			'rsaSecurId',
			'Apply to RSA SecurID',
			[280, 0],
			{ resource: 'identityEvent', operation: 'apply', usernameSource: 'email', options: {} },
			RSA_CREDENTIAL,
		),
		note: [
			'## Microsoft Entra ID → RSA SecurID',
			'Publishing this workflow creates Microsoft Graph subscriptions on `/users` and `/groups` (the trigger URL must be public https), and unpublishing deletes them. The app registration needs the application permissions `User.Read.All` and `Group.Read.All` (admin consent).',
			'',
			'The RSA SecurID credential is a legacy **Administration API key** (Access ID, Access Key, Admin REST API URL from the key file). A **Super Admin** key can delete users; a Help Desk Admin key can disable, enable and reset them (set On User Deleted to Disable the User).',
			'',
			'RSA SecurID takes its users from its identity source (for example the same Entra tenant), so users are matched by email address: disabled and enabled as Entra says, deleted when Entra deletes them, and their authenticators removed on an MFA reset. Events that would create a user, change a profile or a group are output as skipped, with the reason.',
		],
	},
]) {
	const t = trigger('IdP Event Trigger', sample.webhookId, [0, 0], { provider: sample.provider }, sample.triggerCredentials);
	const note = sticky('About This Workflow', [0, 200], sample.note.join('\n'), { width: 620 });
	const connections = {};
	chain(connections, [t, sample.node]);
	workflow(sample.file, sample.name, [t, sample.node, note], connections, {
		id: sample.workflowId,
		settings: syncSettings,
	});
}
// 12. to 14. When another platform holds MFA: Okta → Entra ID, Entra ID → Okta, Okta → Auth0, one MFA node each.
const OKTA_MFA_CREDENTIAL = { oktaMfaApi: { id: 'oktaMfaSandbox', name: 'Okta MFA target (sandbox)' } };
const ENTRA_MFA_CREDENTIAL = { entraMfaApi: { id: 'entraMfaSandbox', name: 'Microsoft Entra ID MFA target (sandbox)' } };
const AUTH0_MFA_CREDENTIAL = { auth0MfaApi: { id: 'auth0MfaSandbox', name: 'Auth0 MFA target (sandbox)' } };
const HELPDESK_HEADER = { httpHeaderAuth: { id: 'helpdeskResetAuth', name: 'Helpdesk reset (header secret)' } };
const applyEvents = (usernameSource, options, extra = {}) => ({
	resource: 'identityEvent',
	operation: 'apply',
	usernameSource,
	...extra,
	options: { createMissingGroups: true, ...options },
});
{
	const t = trigger('IdP Event Trigger', 'okta-entra-mfa', [0, 0]);
	const d = mfaNode('entraMfa', 'Apply to Entra ID', [280, 0], applyEvents('login', { resetOn: 'anyReset', onUserDeleted: 'disable' }), ENTRA_MFA_CREDENTIAL);
	const note = sticky(
		'About This Workflow',
		[0, 200],
		[
			'## Okta → Microsoft Entra ID, where Entra ID holds MFA',
			'Okta is the source of truth; users sign in to Microsoft 365 through Entra ID, which holds their MFA methods. Publishing registers an Okta event hook for the trigger.',
			'',
			'- Users created or updated in Okta are created or updated in Entra ID (userPrincipalName = Okta login; the Okta user ID in extensionAttribute1). Suspended or deactivated: sign-in blocked (`accountEnabled` false) and sessions revoked.',
			"- **An MFA reset in Okta resets Entra ID**: every authentication method but the password is deleted (the default method last), so the user registers again at the next sign-in. **Reset On: Any MFA Reset**, since Okta's factors are not Entra's.",
			'- Okta group memberships become Entra security groups (created when missing).',
			'- **A user deleted in Okta is disabled in Entra ID**, not deleted (On User Deleted: Disable): mailbox and files stay for the offboarding.',
			'',
			'**Credentials:** Okta IdP Sync API (okta.eventHooks.manage, okta.users.read, okta.groups.read) for the trigger; Microsoft Entra ID MFA Target API for the node: application permissions User.ReadWrite.All, Group.ReadWrite.All, GroupMember.ReadWrite.All, UserAuthenticationMethod.ReadWrite.All (admin consent).',
		].join('\n'),
		{ height: 420, width: 760 },
	);
	const connections = {};
	chain(connections, [t, d]);
	workflow('okta-to-entra-mfa-sync.json', 'Okta → Entra ID MFA: lifecycle and MFA resets (one node)', [t, d, note], connections, {
		id: 'oktaEntraMfa01',
		settings: syncSettings,
	});
}
{
	const t = trigger('IdP Event Trigger', 'entra-okta-mfa', [0, 0], { provider: 'entra' }, ENTRA_CREDENTIAL);
	const d = mfaNode(
		'oktaMfa',
		'Apply to Okta',
		[280, 0],
		applyEvents('login', { onUserDeleted: 'delete' }, { disableBy: 'suspend', newUsers: 'FEDERATION' }),
		OKTA_MFA_CREDENTIAL,
	);
	const hook = core(
		'e11e11e1',
		'Helpdesk MFA Reset',
		'webhook',
		2,
		[0, 240],
		{ httpMethod: 'POST', path: 'okta-mfa-reset', authentication: 'headerAuth', options: {} },
		{ webhookId: 'okta-mfa-reset', credentials: HELPDESK_HEADER },
	);
	const reset = mfaNode(
		'oktaMfa',
		"Reset the User's Okta Factors",
		[280, 240],
		{ resource: 'user', operation: 'resetEnrollment', user: { __rl: true, mode: 'username', value: '={{ $json.body.username }}' }, resetBy: 'resetFactors', options: { strict: true } },
		OKTA_MFA_CREDENTIAL,
	);
	const note = sticky(
		'About This Workflow',
		[0, 440],
		[
			'## Microsoft Entra ID → Okta, where Okta holds MFA',
			'Entra ID is the source of truth; Okta holds MFA. Publishing creates Graph subscriptions on /users and /groups for the trigger (import **entra-subscription-renewal.json** too).',
			'',
			'- Users created or updated in Entra ID are created or updated in Okta (login = userPrincipalName, the Entra object ID in the custom attribute **idpUserId**, which you add to the Okta user profile). New users are created with the FEDERATION provider: Entra ID signs them in.',
			'- accountEnabled false **suspends** the Okta user (reversible); true unsuspends. Set Disable By to Deactivate to deprovision instead.',
			'- Group memberships become Okta groups (created when missing). A user deleted in Entra ID is deactivated and deleted in Okta.',
			"- Graph sends no event when MFA methods change, so **Helpdesk MFA Reset** resets a user's Okta factors on request: `POST /webhook/okta-mfa-reset` with the header secret and `{\"username\": \"<Okta login>\"}`.",
			'',
			'**Credentials:** Microsoft Entra ID IdP Sync API (User.Read.All, Group.Read.All) for the trigger; Okta MFA Target API: a token of an admin who may manage users, their lifecycle and factors, and groups.',
		].join('\n'),
		{ height: 460, width: 760 },
	);
	const connections = {};
	chain(connections, [t, d]);
	chain(connections, [hook, reset]);
	workflow('entra-to-okta-mfa-sync.json', 'Entra ID → Okta MFA: lifecycle, groups and helpdesk resets', [t, d, hook, reset, note], connections, {
		id: 'entraOktaMfa01',
		settings: syncSettings,
	});
}
{
	const t = trigger('IdP Event Trigger', 'okta-auth0-mfa', [0, 0]);
	const d = mfaNode(
		'auth0Mfa',
		'Apply to Auth0',
		[280, 0],
		applyEvents('email', { resetOn: 'anyReset', onUserDeleted: 'delete' }, { connection: 'Username-Password-Authentication', resetBy: 'authenticators' }),
		AUTH0_MFA_CREDENTIAL,
	);
	const note = sticky(
		'About This Workflow',
		[0, 200],
		[
			'## Okta → Auth0, where Auth0 holds MFA',
			"Okta is the source of truth for a customer-facing app whose sign-in and MFA run in Auth0. Publishing registers an Okta event hook for the trigger.",
			'',
			'- Users created or updated in Okta become Auth0 users in the database connection (username = email; the Okta user ID in app_metadata.idpUserId). Suspended or deactivated: blocked. Deleted: deleted.',
			'- Okta group memberships become Auth0 **roles** (created when missing).',
			"- An MFA reset in Okta deletes the user's Auth0 authenticators (all Guardian factors in one call, then WebAuthn keys and passkeys one by one); the user and its roles stay.",
			'',
			'**Credentials:** Okta IdP Sync API for the trigger; Auth0 MFA Target API: a Machine to Machine application with read:users, create:users, update:users, delete:users, read:roles, create:roles, update:roles, delete:roles, create:role_members, delete:role_members, read:authentication_methods, delete:authentication_methods, delete:guardian_enrollments.',
		].join('\n'),
		{ height: 400, width: 760 },
	);
	const connections = {};
	chain(connections, [t, d]);
	workflow('okta-to-auth0-mfa-sync.json', 'Okta → Auth0 MFA: lifecycle, roles and MFA resets (one node)', [t, d, note], connections, {
		id: 'oktaAuth0Mfa01',
		settings: syncSettings,
	});
}
console.log('examples written');
