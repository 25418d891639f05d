import type { INodeProperties } from 'n8n-workflow';

import { IdpDirectory } from '../../nodes/IdpDirectory/IdpDirectory.node';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { executeNode } from '../harness/engine';
import { mainAuthField, parametersHiddenAsAuth } from '../helpers/editorAuthFields';
import { shownCredentials, subtitleOf } from '../helpers/nodeUi';
import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { callCounts, runDirectory } from './helpers';

const description = new IdpDirectory().description;

describe('IdP Directory node description', () => {
	it.each([
		['okta', ['oktaIdpApi'], 'Okta: Get many users'],
		['auth0', ['auth0IdpApi'], 'Auth0: Get many users'],
		['entra', ['entraIdpApi'], 'Microsoft Entra ID: Get many users'],
	])('offers only the %s credential, and says so in the subtitle', (provider, credentials, subtitle) => {
		const node = new IdpDirectory();
		expect(shownCredentials(node, { provider })).toEqual(credentials);
		expect(subtitleOf(node, { provider })).toBe(subtitle);
		expect(subtitleOf(node, { provider, resource: 'group' })).toBe(subtitle.replace('users', 'groups'));
	});

	it('keeps the Identity Provider selector a visible first parameter in n8n 2.41 editor', () => {
		expect(description.properties[0]).toMatchObject({ name: 'provider', displayName: 'Identity Provider' });
		expect(mainAuthField(description)).toBeNull();
		expect(parametersHiddenAsAuth(description)).toEqual([]);
	});

	it.each([
		['okta', ['read users and groups']],
		['auth0', ['read:users', 'read:roles', 'create:users', 'export job']],
		['entra', ['User.Read.All', 'Group.Read.All', 'GroupMember.Read.All']],
	])('says which permissions reading %s needs', (provider, words) => {
		const notices = description.properties.filter(
			(p) => p.type === 'notice' && p.displayOptions?.show?.provider?.includes(provider),
		);
		expect(notices).toHaveLength(1);
		for (const word of words) expect(notices[0].displayName).toContain(word);
	});

	it('offers each provider its own search field and statuses', () => {
		const filters = description.properties.find((p) => p.name === 'filters')!;
		const options = filters.options as INodeProperties[];
		const forProvider = (provider: string) =>
			options.filter((o) => (o.displayOptions?.show?.['/provider'] as string[] | undefined)?.includes(provider)).map((o) => o.name);
		expect(forProvider('okta')).toEqual(['oktaSearch', 'oktaStatus']);
		expect(forProvider('auth0')).toEqual(['auth0Search', 'auth0Status']);
		expect(forProvider('entra')).toEqual(['entraSearch', 'entraStatus']);
		expect(options.find((o) => o.name === 'group')?.displayOptions).toBeUndefined();
	});
});

describe('IdP Directory execution', () => {
	let okta: FakeOkta;
	beforeEach(async () => {
		okta = await startFakeOkta({
			users: [{ id: '00uA', profile: { login: 'ann@example.com', email: 'ann@example.com' } }],
			groups: [{ id: '00gA', name: 'MFA Users' }],
			memberships: { '00gA': ['00uA'] },
		});
	});
	afterEach(async () => {
		await okta.close();
	});

	it('reads the directory once however many items come in', async () => {
		const [items] = await executeNode({
			node: new IdpDirectory(),
			parameters: { provider: 'okta', resource: 'user', operation: 'getAll' },
			items: [{ json: { a: 1 } }, { json: { a: 2 } }, { json: { a: 3 } }],
			credentials: { oktaIdpApi: { orgUrl: okta.url, apiToken: okta.apiToken } },
			credentialTypes: [new OktaIdpApi()],
		});
		expect(items.map((item) => [item.json.user && (item.json.user as { id: string }).id, item.pairedItem])).toEqual([
			['00uA', { item: 0 }],
		]);
		expect(callCounts(okta.requests)).toEqual({
			'GET /api/v1/users': 1,
			'GET /api/v1/groups': 1,
			'GET /api/v1/groups/{id}/users': 1,
		});
	});

	it("fails with the identity provider's message when the credential is refused, without the token", async () => {
		const error = await runDirectory({
			provider: 'okta',
			credentials: { orgUrl: okta.url, apiToken: 'not-the-token' },
		}).catch((e: Error & { description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe('Okta: Invalid token provided (E0000011)');
		expect(JSON.stringify(error)).not.toContain('not-the-token');
	});

	it('emits the error as an item when the node continues on failure', async () => {
		const run = await runDirectory({
			provider: 'okta',
			credentials: { orgUrl: okta.url, apiToken: okta.apiToken },
			filters: { group: 'Nobody' },
			continueOnFail: true,
		});
		expect(run.items).toEqual([{ error: 'Okta has no group "Nobody"' }]);
	});
});
