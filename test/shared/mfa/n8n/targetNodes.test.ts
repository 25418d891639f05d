import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeHelpers, type ICredentialType, type INodeProperties, type INodePropertyOptions, type INodeType } from 'n8n-workflow';

import { Auth0MfaApi } from '../../../../credentials/Auth0MfaApi.credentials';
import { EntraMfaApi } from '../../../../credentials/EntraMfaApi.credentials';
import { OktaMfaApi } from '../../../../credentials/OktaMfaApi.credentials';
import { Auth0Mfa } from '../../../../nodes/Auth0Mfa/Auth0Mfa.node';
import { DuoSecurity } from '../../../../nodes/DuoSecurity/DuoSecurity.node';
import { EntraMfa } from '../../../../nodes/EntraMfa/EntraMfa.node';
import { OktaMfa } from '../../../../nodes/OktaMfa/OktaMfa.node';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const NODES: Array<[string, INodeType, ICredentialType, string[]]> = [
	['OktaMfa', new OktaMfa(), new OktaMfaApi(), ['disableBy', 'resetBy', 'newUsers']],
	['EntraMfa', new EntraMfa(), new EntraMfaApi(), []],
	['Auth0Mfa', new Auth0Mfa(), new Auth0MfaApi(), ['connection', 'resetBy']],
];

const operationsOf = (node: INodeType, tool: boolean) =>
	Object.fromEntries(
		node.description.properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.['@tool']?.[0] === tool)
			.map((selector) => [selector.displayOptions?.show?.resource?.[0], (selector.options as INodePropertyOptions[]).map((o) => o.value)]),
	);

describe.each(NODES)('the %s node', (folder, node, credential, settings) => {
	const { description } = node;

	it('is registered with its own credential, a codex and icons', () => {
		expect(pkg.n8n.nodes).toContain(`dist/nodes/${folder}/${folder}.node.js`);
		expect(pkg.n8n.credentials).toContain(`dist/credentials/${credential.constructor.name}.credentials.js`);
		const codex = JSON.parse(readFileSync(join(root, 'nodes', folder, `${folder}.node.json`), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(readFileSync(join(root, 'nodes', folder, file.replace('file:', '')), 'utf8')).toContain('<svg');
		}
		expect(description.credentials?.map((entry) => entry.name)).toEqual([credential.name, 'idpSyncProfileApi']);
	});

	it("offers Duo's operations, and AI agents only those that cannot remove access or data", () => {
		const duo = new DuoSecurity();
		expect(operationsOf(node, false)).toEqual(operationsOf(duo, false));
		expect(operationsOf(node, true)).toEqual(operationsOf(duo, true));
	});

	it('says in its credential that it needs write permissions, unlike the read-mostly IdP credential', () => {
		const notice = credential.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/write|ReadWrite/);
		expect(notice?.displayName).toMatch(/IdP Sync API/);
	});

	it('shows its own settings only for the operations they affect', () => {
		const shown = (setting: INodeProperties, resource: string, operation: string) =>
			NodeHelpers.displayParameter({ resource, operation }, setting, null, description);
		const own = description.properties.filter((p) => settings.includes(p.name));
		expect(own.map((p) => p.name).sort()).toEqual([...settings].sort());
		for (const setting of own) {
			expect([shown(setting, 'user', 'get'), shown(setting, 'group', 'create')]).toEqual([false, false]);
			expect(shown(setting, 'identityEvent', 'apply') || shown(setting, 'user', 'upsert')).toBe(true);
		}
	});
});
