import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeHelpers, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { DuoAdminApi } from '../../../credentials/DuoAdminApi.credentials';
import { IdpSyncProfileApi } from '../../../credentials/IdpSyncProfileApi.credentials';
import { DuoSecurity } from '../../../nodes/DuoSecurity/DuoSecurity.node';
import { mainAuthField } from '../../helpers/editorAuthFields';
import { subtitleOf } from '../../helpers/nodeUi';

const root = join(__dirname, '..', '..', '..');
const { description } = new DuoSecurity();

const selectorsFor = (tool: boolean) =>
	description.properties.filter(
		(p) => p.name === 'operation' && p.displayOptions?.show?.['@tool']?.[0] === tool,
	);
const operationSelectors = selectorsFor(false);

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
		expect(description.credentials).toEqual([
			{
				name: new DuoAdminApi().name,
				required: true,
				displayOptions: { hide: { operation: ['previewMapping'] } },
			},
			{
				name: new IdpSyncProfileApi().name,
				required: true,
				testedBy: 'syncProfileTest',
				displayOptions: { show: { mapping: ['credential'] } },
			},
		]);
		expect(Object.keys(new DuoSecurity().methods.credentialTest)).toEqual(['syncProfileTest']);
	});

	it('offers the operations of the issue, each with an action, sorted by name', () => {
		const byResource = Object.fromEntries(
			operationSelectors.map((selector) => [
				selector.displayOptions?.show?.resource?.[0],
				(selector.options as INodePropertyOptions[]).map((option) => option.value),
			]),
		);
		expect(byResource).toEqual({
			identityEvent: ['apply', 'previewMapping'],
			user: ['upsert', 'delete', 'disable', 'enable', 'get', 'resetEnrollment', 'syncGroups'],
			group: ['create', 'delete', 'getAll', 'rename'],
			directory: ['reconcile'],
		});
		for (const selector of [...operationSelectors, ...selectorsFor(true)]) {
			const options = selector.options as INodePropertyOptions[];
			expect(options.every((option) => typeof option.action === 'string')).toBe(true);
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('offers AI agents only operations that cannot remove access or data', async () => {
		const byResource = Object.fromEntries(
			selectorsFor(true).map((selector) => [
				selector.displayOptions?.show?.resource?.[0],
				(selector.options as INodePropertyOptions[]).map((option) => option.value),
			]),
		);
		expect(byResource).toEqual({
			identityEvent: ['previewMapping'],
			user: ['upsert', 'enable', 'get'],
			group: ['create', 'getAll'],
		});
		const asTool = { name: 'duoSecurityTool' } as typeof description;
		for (const [values, shown] of [
			[{ resource: 'user', '@tool': true }, ['upsert', 'enable', 'get']],
			[{ resource: 'user' }, ['upsert', 'delete', 'disable', 'enable', 'get', 'resetEnrollment', 'syncGroups']],
		] as const) {
			const visible = description.properties.filter(
				(p) => p.name === 'operation' && NodeHelpers.displayParameter(values, p, null, '@tool' in values ? asTool : description),
			);
			expect(visible).toHaveLength(1);
			expect((visible[0].options as INodePropertyOptions[]).map((o) => o.value)).toEqual(shown);
		}
	});

	it('gives every operation a Retry Base Delay option, with options sorted by name', () => {
		const collections = description.properties.filter(
			(p) => p.name === 'options',
		) as INodeProperties[];
		expect(collections).toHaveLength(13);
		for (const collection of collections) {
			const names = (collection.options as INodeProperties[]).map((option) => option.displayName);
			expect(names).toContain('Retry Base Delay in Milliseconds');
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	const optionNames = (resource: string, operation: string) => {
		const values = { resource, operation };
		const collection = description.properties.find(
			(p) =>
				p.name === 'options' &&
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions?.show?.operation?.includes(operation),
		);
		expect(NodeHelpers.displayParameter(values, collection!, null, description)).toBe(true);
		return (collection?.options as INodeProperties[]).map((option) => option.name);
	};

	it('offers Dry Run on every operation that writes, and the group cache where groups are looked up', () => {
		const writing = {
			user: ['upsert', 'delete', 'disable', 'enable', 'resetEnrollment', 'syncGroups'],
			group: ['create', 'delete', 'rename'],
			identityEvent: ['apply'],
		};
		const dryRunShown = (resource: string, operation: string) =>
			description.properties
				.filter((p) => p.name === 'dryRun')
				.some((p) => NodeHelpers.displayParameter({ resource, operation }, p, null, description));
		for (const [resource, operations] of Object.entries(writing)) {
			for (const operation of operations) {
				expect(dryRunShown(resource, operation)).toBe(true);
				expect(optionNames(resource, operation)).not.toContain('dryRun');
			}
		}
		expect(dryRunShown('user', 'get')).toBe(false);
		expect(dryRunShown('group', 'getAll')).toBe(false);
		for (const [resource, operation] of [
			['identityEvent', 'apply'],
			['user', 'syncGroups'],
			['group', 'create'],
			['group', 'rename'],
			['group', 'delete'],
		]) {
			expect(optionNames(resource, operation)).toContain('groupCacheMaxAge');
		}
	});

	it('shows Mapping on Create or Update from an event, Sync Groups, Apply and Preview Mapping', () => {
		const visible = (values: Record<string, string>, name: string) =>
			description.properties
				.filter((p) => p.name === name)
				.some((p) => NodeHelpers.displayParameter(values, p, null, description));
		const shown: Array<Record<string, string>> = [
			{ resource: 'user', operation: 'upsert', input: 'event' },
			{ resource: 'user', operation: 'syncGroups' },
			{ resource: 'identityEvent', operation: 'apply' },
			{ resource: 'identityEvent', operation: 'previewMapping' },
		];
		for (const values of shown) {
			expect(visible(values, 'mapping')).toBe(true);
			expect(visible({ ...values, mapping: 'json' }, 'mappingProfile')).toBe(true);
			expect(visible({ ...values, mapping: 'credential' }, 'mappingProfile')).toBe(false);
		}
		expect(visible({ resource: 'user', operation: 'upsert', input: 'fields' }, 'mapping')).toBe(
			false,
		);
		expect(visible({ resource: 'user', operation: 'disable' }, 'mapping')).toBe(false);
		const mapping = description.properties.find(
			(p) => p.name === 'mapping' && p.displayOptions?.show?.operation?.includes('apply'),
		);
		expect(mapping?.default).toBe('none');
		expect((mapping?.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'json',
			'none',
			'credential',
		]);
	});

	it('asks for the profile credential only when Mapping uses it, and for no Duo credential in a preview', () => {
		const [duo, profile] = description.credentials!;
		const shows = (credential: typeof duo, values: Record<string, string>) =>
			NodeHelpers.displayParameter(values, credential, null, description);
		expect(shows(duo, { resource: 'identityEvent', operation: 'apply' })).toBe(true);
		expect(shows(duo, { resource: 'identityEvent', operation: 'previewMapping' })).toBe(false);
		expect(shows(profile, { operation: 'apply', mapping: 'credential' })).toBe(true);
		expect(shows(profile, { operation: 'apply', mapping: 'json' })).toBe(false);
		expect(shows(profile, { operation: 'disable' })).toBe(false);
	});

	it.each([
		['user', 'upsert', 'Create or update user'],
		['user', 'resetEnrollment', 'Reset enrollment of user'],
		['user', 'syncGroups', 'Sync groups of user'],
		['group', 'getAll', 'Get many groups'],
		['identityEvent', 'apply', 'Apply identity event'],
		['directory', 'reconcile', 'Reconcile Duo with directory'],
	])('shows the subtitle of %s %s in words', (resource, operation, expected) => {
		expect(subtitleOf(new DuoSecurity(), { resource, operation })).toBe(expected);
	});

	it('names the user locator modes so that they fit n8n 2.41 mode selector', () => {
		const user = description.properties.find((p) => p.name === 'user' && p.type === 'resourceLocator')!;
		const labels = (user.modes ?? []).map((mode) => mode.displayName);
		// The selector is 92 px wide; n8n's own longest label, "From List", is the most that fits.
		for (const label of labels) expect(label.length).toBeLessThanOrEqual('From List'.length);
		expect(labels).toEqual(['From List', 'By Name', 'By ID']);
	});

	it('is not mistaken for a node with an authentication selector by n8n 2.41 editor', () => {
		expect(mainAuthField(description)).toBeNull();
	});
});
