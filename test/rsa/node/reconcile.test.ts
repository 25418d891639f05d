import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { DirectoryUser, IdentityUser } from '../../../nodes/shared/model';
import type { FakeRsa } from '../../../sandbox/rsa/server';
import { FAST, rsaWrites, runRsa, startFakeRsa } from '../helpers';

const person = (id: string, email: string, extra: Partial<IdentityUser> = {}): DirectoryUser => ({
	schemaVersion: 1,
	type: 'directory.user',
	idp: 'entra',
	tenant: 'contoso-tenant-id',
	observedAt: '2026-11-02T08:00:00.000Z',
	user: { id, login: email, email, status: 'active', groups: [{ id: 'g1', name: 'VPN' }], attributes: {}, ...extra },
});

const directory = () => [
	person('u-ann', 'ann@contoso.test'),
	person('u-bob', 'bob@contoso.test', { status: 'suspended' }),
	person('u-cal', 'cal@contoso.test'),
	person('u-new', 'new@contoso.test'),
];

const seed = async () =>
	await startFakeRsa({
		seed: {
			users: [
				{ emailAddress: 'ann@contoso.test' },
				{ emailAddress: 'bob@contoso.test' },
				{ emailAddress: 'cal@contoso.test', userStatus: 'Disabled' },
				{ emailAddress: 'left@contoso.test' },
			],
		},
	});

async function reconcile(fake: FakeRsa, parameters: INodeParameters = {}) {
	const output = await runRsa(
		fake,
		{ resource: 'directory', operation: 'reconcile', ...parameters, options: { ...FAST } },
		directory().map((entry) => ({ json: entry as unknown as IDataObject })),
	);
	return output.map((item) => item.json);
}

const statuses = (fake: FakeRsa) =>
	Object.fromEntries(fake.snapshot().users.map((u) => [u.emailAddress, u.userStatus]));

describe('RSA SecurID › Directory: Reconcile', () => {
	let fake: FakeRsa;
	afterEach(async () => await fake?.close());

	it('repairs status drift from one paged search, skips what RSA cannot do with the reason, and never touches users the IdP did not name', async () => {
		fake = await seed();
		const [dry, ...planned] = await reconcile(fake);
		expect(rsaWrites(fake)).toEqual([]);
		expect(dry).toMatchObject({ dryRun: true, users: 4, orphans: 0, actions: { disabled: 1, enabled: 1 } });
		expect(Object.entries(dry.skipped as IDataObject)).toEqual([[expect.stringMatching(/identity source/), 1]]);
		expect(planned.map((item) => item.username).sort()).toEqual(['bob@contoso.test', 'cal@contoso.test']);
		expect(fake.counts().byRoute['POST /v1/users/lookup'] ?? 0).toBe(0);

		const [applied] = await reconcile(fake, { dryRun: false });
		expect(applied).toMatchObject({ dryRun: false, applied: 2 });
		expect(statuses(fake)).toEqual({
			'ann@contoso.test': 'Enabled',
			'bob@contoso.test': 'Disabled',
			'cal@contoso.test': 'Enabled',
			'left@contoso.test': 'Enabled',
		});
		fake.resetCounts();
		const [again] = await reconcile(fake, { dryRun: false });
		expect(again).toMatchObject({ planned: 0, applied: 0 });
		expect(rsaWrites(fake)).toEqual([]);
	});
});
