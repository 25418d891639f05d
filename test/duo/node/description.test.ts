import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DuoAdminApi } from '../../../credentials/DuoAdminApi.credentials';
import { DuoSecurity } from '../../../nodes/DuoSecurity/DuoSecurity.node';

const root = join(__dirname, '..', '..', '..');
const { description } = new DuoSecurity();

const operationSelectors = description.properties.filter((p) => p.name === 'operation');

describe('Duo Security node description', () => {
	it('is registered in package.json with its credential, codex and icons', () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/DuoSecurity/DuoSecurity.node.js');
		expect(pkg.n8n.credentials).toContain('dist/credentials/DuoAdminApi.credentials.js');
		const codex = JSON.parse(
			readFileSync(join(root, 'nodes/DuoSecurity/DuoSecurity.node.json'), 'utf8'),
		);
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(
				readFileSync(join(root, 'nodes/DuoSecurity', file.replace('file:', '')), 'utf8'),
			).toContain('<svg');
		}
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: new DuoAdminApi().name, required: true }]);
	});

	it('offers the operations of the issue, each with an action, sorted by name', () => {
		const byResource = Object.fromEntries(
			operationSelectors.map((selector) => [
				selector.displayOptions?.show?.resource?.[0],
				(selector.options as INodePropertyOptions[]).map((option) => option.value),
			]),
		);
		expect(byResource).toEqual({
			identityEvent: ['apply'],
			user: ['upsert', 'delete', 'disable', 'enable', 'get', 'resetEnrollment', 'syncGroups'],
			group: ['create', 'delete', 'getAll', 'rename'],
		});
		for (const selector of operationSelectors) {
			const options = selector.options as INodePropertyOptions[];
			expect(options.every((option) => typeof option.action === 'string')).toBe(true);
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('gives every operation a Retry Base Delay option, with options sorted by name', () => {
		const collections = description.properties.filter(
			(p) => p.name === 'options',
		) as INodeProperties[];
		expect(collections).toHaveLength(12);
		for (const collection of collections) {
			const names = (collection.options as INodeProperties[]).map((option) => option.displayName);
			expect(names).toContain('Retry Base Delay (Ms)');
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});
});
