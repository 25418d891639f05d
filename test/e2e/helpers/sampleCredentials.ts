import type { SampleWorkflow } from '../../../scripts/demo/samples';
import type { N8nCredentialImport } from '../../../scripts/e2e/n8nInstance';

/** Credential data by credential id (checked first) or by credential type. */
export type CredentialData = Record<string, Record<string, unknown>>;

/** Where no test reaches a credential's service: a closed loopback port. */
export const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * Data for every credential type the samples use, pointing at nothing; tests override what they
 * drive. The n8n API key is set once n8n has started (connectN8nApiCredential).
 */
export const PLACEHOLDER_DATA: CredentialData = {
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
	idpSyncProfileApi: { profile: '{"username": "{{ idp.login }}"}' },
	oAuth2Api: {
		grantType: 'clientCredentials',
		accessTokenUrl: `${UNREACHABLE}/token`,
		clientId: 'unused',
		clientSecret: 'unused',
		scope: '',
		authentication: 'body',
	},
	n8nApi: { apiKey: 'set-once-n8n-has-started', baseUrl: 'http://127.0.0.1/api/v1' },
};

/**
 * One credential import per credential id the workflows reference, with the data given for that id,
 * else for its type, else the placeholder of its type.
 */
export function credentialImports(
	workflows: SampleWorkflow[],
	data: CredentialData,
): N8nCredentialImport[] {
	const imports = new Map<string, N8nCredentialImport>();
	for (const workflow of workflows) {
		for (const node of workflow.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				if (imports.has(ref.id)) continue;
				const values = data[ref.id] ?? data[type] ?? PLACEHOLDER_DATA[type];
				if (!values) throw new Error(`No data for the ${type} credential ${ref.id}`);
				imports.set(ref.id, { id: ref.id, name: ref.name, type, data: values });
			}
		}
	}
	return [...imports.values()];
}

/** The samples as stored in n8n: names, node types and connections as in examples/. */
export function importedShape(workflow: SampleWorkflow) {
	return {
		name: workflow.name,
		nodes: workflow.nodes.map(({ name, type, typeVersion }) => ({ name, type, typeVersion })),
		connections: workflow.connections,
	};
}
