'use strict';

/**
 * The sample workflows in examples/ and the sandbox credentials they reference by id, for the
 * real-n8n e2e tests and `npm run demo`. The samples are imported unchanged: only the credentials'
 * data points at the sandbox.
 */

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const TRIGGER_TYPE = 'n8n-nodes-idp-mfa-sync.idpEventTrigger';
/** Stored until the n8n API key exists, which is only after start-up (see connectN8nApiCredential). */
const N8N_API_KEY_PLACEHOLDER = 'set-once-n8n-has-started';

/**
 * @typedef {{ id: string, name: string, nodes: any[], settings?: Record<string, unknown>, [key: string]: unknown }} SampleWorkflow
 * @typedef {{ id: string, name: string }} CredentialRef
 */

/** @returns {Array<{ file: string, workflow: SampleWorkflow }>} every examples/*.json, by file name */
function loadSampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
		}));
}

/**
 * The credentials the workflows reference: one entry per credential id, with its type.
 * @param {SampleWorkflow[]} workflows
 * @returns {Array<CredentialRef & { type: string }>}
 */
function credentialRefs(workflows) {
	/** @type {Map<string, CredentialRef & { type: string }>} */
	const refs = new Map();
	for (const workflow of workflows) {
		for (const node of workflow.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				if (!refs.has(ref.id)) refs.set(ref.id, { id: ref.id, name: ref.name, type });
			}
		}
	}
	return [...refs.values()];
}

/** Where no sandbox service listens: credentials of samples the sandbox does not drive point here. */
const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * Data for every credential type the samples use, pointing at nothing; the sandbox and tests override
 * what they drive. The n8n API key is set once n8n has started (connectN8nApiCredential).
 * @type {Record<string, Record<string, unknown>>}
 */
const PLACEHOLDER_DATA = {
	oktaIdpApi: { orgUrl: UNREACHABLE, apiToken: 'unused', eventHookSecret: 'unused' },
	auth0IdpApi: { domain: UNREACHABLE, clientId: 'unused', clientSecret: 'unused' },
	entraIdpApi: {
		tenantId: 'unused',
		clientId: 'unused',
		clientSecret: 'unused',
		graphBaseUrl: `${UNREACHABLE}/v1.0`,
		loginBaseUrl: UNREACHABLE,
	},
	duoAdminApi: { integrationKey: 'unused', secretKey: 'unused', apiHostname: UNREACHABLE },
	oktaMfaApi: { orgUrl: UNREACHABLE, apiToken: 'unused' },
	entraMfaApi: {
		tenantId: 'unused',
		clientId: 'unused',
		clientSecret: 'unused',
		graphBaseUrl: `${UNREACHABLE}/v1.0`,
		loginBaseUrl: UNREACHABLE,
	},
	auth0MfaApi: { domain: UNREACHABLE, clientId: 'unused', clientSecret: 'unused' },
	httpHeaderAuth: { name: 'X-Helpdesk-Secret', value: 'unused' },
	ssfTransmitterApi: { issuer: UNREACHABLE, apiToken: 'unused' },
	pingOneMfaApi: {
		environmentId: 'unused',
		region: 'custom',
		authBaseUrl: UNREACHABLE,
		apiBaseUrl: UNREACHABLE,
		clientId: 'unused',
		clientSecret: 'unused',
		clientAuthentication: 'basic',
	},
	rsaSecurIdApi: { accessId: 'unused', privateKey: 'unused', adminRestApiUrl: `${UNREACHABLE}/AdminInterface/restapi` },
	idpSyncProfileApi: { profile: '{"username": "{{ idp.login }}"}' },
	oAuth2Api: {
		grantType: 'clientCredentials',
		accessTokenUrl: `${UNREACHABLE}/token`,
		clientId: 'unused',
		clientSecret: 'unused',
		scope: '',
		authentication: 'body',
	},
	n8nApi: { apiKey: N8N_API_KEY_PLACEHOLDER, baseUrl: 'http://127.0.0.1/api/v1' },
};

/**
 * Credential imports for every credential the samples reference: Okta and Duo point at the sandbox
 * (every Okta credential at the one sandbox org), the others at nothing until a test sets them.
 * @param {SampleWorkflow[]} workflows
 * @param {{ okta: { url: string, apiToken: string }, duo: { url: string, ikey: string, skey: string },
 *   eventHookSecret: string }} sandbox
 */
function sandboxCredentials(workflows, sandbox) {
	/** @type {Record<string, Record<string, unknown>>} */
	const dataByType = {
		...PLACEHOLDER_DATA,
		oktaIdpApi: {
			orgUrl: sandbox.okta.url,
			apiToken: sandbox.okta.apiToken,
			eventHookSecret: sandbox.eventHookSecret,
		},
		duoAdminApi: {
			integrationKey: sandbox.duo.ikey,
			secretKey: sandbox.duo.skey,
			apiHostname: sandbox.duo.url,
		},
	};
	return credentialRefs(workflows).map((ref) => {
		const data = dataByType[ref.type];
		if (!data) throw new Error(`No sandbox data for the samples' ${ref.type} credential`);
		return { ...ref, data };
	});
}

/**
 * Gives the samples' n8n API credential (used by the error workflow) the running instance's URL and
 * API key; does nothing when no sample uses one.
 * @param {import('../e2e/n8nInstance').N8nHandle} n8n
 * @param {SampleWorkflow[]} workflows
 */
async function connectN8nApiCredential(n8n, workflows) {
	const ref = credentialRefs(workflows).find((candidate) => candidate.type === 'n8nApi');
	if (!ref) return;
	await n8n.api('PATCH', `/credentials/${ref.id}`, {
		data: { apiKey: n8n.apiKey, baseUrl: `${n8n.baseUrl}/api/v1` },
	});
}

/**
 * The production webhook path of a workflow's IdP Event Trigger: `<webhookId>/events`.
 * @param {SampleWorkflow} workflow
 */
function triggerWebhookPath(workflow) {
	const node = workflow.nodes.find((candidate) => candidate.type === TRIGGER_TYPE);
	if (!node) throw new Error(`${workflow.name} has no IdP Event Trigger`);
	return `${node.webhookId}/events`;
}

/**
 * The event hook a fake Okta holds for a URL (what automatic registration created).
 * @param {import('../../sandbox/okta/server').FakeOkta} okta
 * @param {string} url
 */
function hooksFor(okta, url) {
	return [...okta.state.eventHooks.values()].filter((hook) => hook.channel.config.uri === url);
}

module.exports = {
	EXAMPLES_DIR,
	PLACEHOLDER_DATA,
	UNREACHABLE,
	connectN8nApiCredential,
	credentialRefs,
	hooksFor,
	loadSampleWorkflows,
	sandboxCredentials,
	triggerWebhookPath,
};
