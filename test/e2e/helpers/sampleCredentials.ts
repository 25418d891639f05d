import type { FakeDuo } from '../../../sandbox/duo/server';
import { PLACEHOLDER_DATA, type SampleWorkflow } from '../../../scripts/demo/samples';
import type { N8nCredentialImport } from '../../../scripts/e2e/n8nInstance';

/** Credential data by credential id (checked first) or by credential type. */
export type CredentialData = Record<string, Record<string, unknown>>;

export { PLACEHOLDER_DATA, UNREACHABLE } from '../../../scripts/demo/samples';

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

/** The Duo Admin API credential data for a fake Duo. */
export function duoApiCredential(duo: FakeDuo) {
	return { integrationKey: duo.ikey, secretKey: duo.skey, apiHostname: duo.url };
}
