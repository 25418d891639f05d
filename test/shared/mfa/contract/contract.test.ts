import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { noGroupsReason } from '../../../../nodes/shared/mfa/limits';
import type { IdentityEvent } from '../../../../nodes/shared/model';
import { auth0UnderContract } from './auth0';
import { duoUnderContract } from './duo';
import type { ContractSeed, ContractUser, ProviderFake, ProviderUnderContract } from './harness';
import { entraUnderContract } from './entra';
import { oktaUnderContract } from './okta';
import { pingOneUnderContract } from './pingone';
import { rsaUnderContract } from './rsa';
import { TENANT, enrichedEvent, shuffled, type IdpUserState } from './story';

/** Every MFA provider node passes the same table. A new provider adds its fake here. */
const PROVIDERS: ProviderUnderContract[] = [
	duoUnderContract,
	pingOneUnderContract,
	rsaUnderContract,
	oktaUnderContract,
	entraUnderContract,
	auth0UnderContract,
];

/** What the table needs to know of a provider, from its capabilities. */
function abilities(provider: ProviderUnderContract) {
	const { capabilities } = provider;
	return {
		createsUsers: !capabilities.unsupported?.createUser,
		writesProfiles: capabilities.profileFields.length > 0,
		groups: capabilities.groups,
	};
}

const VPN = { id: '00gVPN', name: 'VPN' };
const OLD = { id: '00gOLD', name: 'Old Name' };
const DOOMED = { id: '00gDOOM', name: 'Doomed' };
const jane = (status: IdpUserState['status'], familyName: string, groups = [VPN]): IdpUserState => ({
	id: '00uJANE',
	login: 'jane',
	familyName,
	status,
	groups,
});
const bob = (status: IdpUserState['status']): IdpUserState => ({ id: '00uBOB', login: 'bob', familyName: 'Builder', status, groups: [] });

const seed = (): ContractSeed => ({
	users: [
		{ username: 'bob', familyName: 'Builder', devices: 2, anchor: '00uBOB' },
		{ username: 'admin', familyName: 'Root', groups: ['Admins', 'Doomed'], devices: 1 },
	],
	groups: [
		{ name: 'Admins' },
		{ name: 'Doomed' },
		{ name: 'Old Name', marker: `idp:okta:${OLD.id}` },
		{ name: 'Owned Doomed', marker: `idp:okta:${TENANT}/${DOOMED.id}` },
	],
});

/** Every event type once, each carrying the IdP state read just after it happened. */
function everyEventType(): IdentityEvent[] {
	return [
		enrichedEvent('user.created', 1, jane('active', 'Doe', [])),
		enrichedEvent('user.updated', 2, jane('active', 'Smith', [])),
		enrichedEvent('group.member_added', 3, jane('active', 'Smith'), { group: VPN }),
		enrichedEvent('group.created', 4, undefined, { group: { id: '00gFIN', name: 'Finance' } }),
		enrichedEvent('group.renamed', 5, undefined, { group: { ...OLD, name: 'New Name', previousName: 'Old Name' } }),
		enrichedEvent('user.suspended', 6, bob('suspended')),
		enrichedEvent('user.reactivated', 7, bob('active')),
		enrichedEvent('user.mfa_reset', 8, bob('active'), { mfa: { all: true, factors: [] } }),
		enrichedEvent('group.member_removed', 9, jane('active', 'Smith', []), { group: VPN }),
		enrichedEvent('user.deactivated', 10, bob('deprovisioned')),
		enrichedEvent('user.deleted', 11, undefined, { user: { id: '00uBOB', login: 'bob', attributes: {} } }),
		enrichedEvent('group.deleted', 12, undefined, { group: { ...DOOMED, name: 'Doomed' } }),
	].map((event) => (event.type.startsWith('group.') && !('user' in event) ? { ...event, enrichment: undefined } : event));
}

/** One user's life in the IdP: the state each event's enrichment read, ending suspended in VPN. */
function janesLife(): IdentityEvent[] {
	return [
		enrichedEvent('user.created', 1, jane('active', 'Doe', [])),
		enrichedEvent('user.updated', 2, jane('active', 'Smith', [])),
		enrichedEvent('user.suspended', 3, jane('suspended', 'Smith', [])),
		enrichedEvent('user.reactivated', 4, jane('active', 'Smith', [])),
		enrichedEvent('group.member_added', 5, jane('active', 'Smith'), { group: VPN }),
		enrichedEvent('user.updated', 6, jane('active', 'Jones')),
		enrichedEvent('group.member_removed', 7, jane('active', 'Jones', []), { group: VPN }),
		enrichedEvent('group.member_added', 8, jane('active', 'Jones'), { group: VPN }),
		enrichedEvent('user.suspended', 9, jane('suspended', 'Jones')),
	];
}

const OPTIONS = { options: { createMissingGroups: true } };

describe.each(PROVIDERS.map((provider) => [provider.name, provider] as const))('%s: the sync core contract', (_, provider) => {
	let fake: ProviderFake;
	afterEach(async () => fake?.close());

	const apply = (events: IdentityEvent[], parameters: INodeParameters = OPTIONS) => provider.run(fake, parameters, events);

	it.each(everyEventType().map((event) => [event.type, event] as const))(
		'%s applied twice: the second time writes nothing and says why',
		async (_type, event) => {
			fake = await provider.start(seed());
			const [first] = await apply([event]);
			expect(first.error).toBeUndefined();
			const state = fake.state();
			const writes = fake.writes().length;
			const [second] = await apply([event]);
			expect(['unchanged', 'skipped']).toContain(second.action);
			expect(fake.writes()).toHaveLength(writes);
			expect(fake.state()).toEqual(state);
		},
	);

	it.each([1, 2, 3, 4, 5, 6])('events shuffled (seed %i) and replayed late reach the same end state', async (shuffleSeed) => {
		const can = abilities(provider);
		// A provider that cannot create users gets Jane from its identity source, as the IdP made her.
		const start = () =>
			provider.start(
				can.createsUsers ? seed() : { ...seed(), users: [...seed().users, { username: 'jane', familyName: 'Doe' }] },
			);
		fake = await start();
		await apply(janesLife());
		const expected = fake.state();
		const jane: ContractUser = {
			status: 'disabled',
			familyName: can.writesProfiles ? 'Jones' : 'Doe',
			groups: can.groups ? ['VPN'] : [],
			devices: 0,
		};
		expect(expected.users.jane).toEqual(jane);
		await fake.close();

		fake = await start();
		for (const event of shuffled(janesLife(), shuffleSeed)) await apply([event]);
		expect(fake.state()).toEqual(expected);
		const writes = fake.writes().length;
		await apply([...janesLife()].reverse());
		expect(fake.writes()).toHaveLength(writes);
		expect(fake.state()).toEqual(expected);
	});

	it('re-enables a user the IdP re-enabled, though no event said it was disabled', async () => {
		fake = await provider.start({ ...seed(), users: [{ username: 'jane', familyName: 'Doe', status: 'disabled' }] });
		const [result] = await apply([enrichedEvent('user.updated', 20, jane('active', 'Doe', []))]);
		expect(result).toMatchObject({ action: 'enabled' });
		expect(fake.state().users.jane.status).toBe('active');
	});

	it('a reset removes the devices and keeps the user record, groups and profile', async () => {
		fake = await provider.start(seed());
		const before = fake.state().users.bob;
		const [result] = await apply([enrichedEvent('user.mfa_reset', 20, bob('active'), { mfa: { all: true, factors: [] } })]);
		expect(result).toMatchObject({ action: 'reset' });
		expect(fake.state().users.bob).toEqual({ ...before, devices: 0 });
	});

	it('a re-enrollment after a reset is not undone by a replay of that reset', async () => {
		fake = await provider.start(seed());
		const reset = enrichedEvent('user.mfa_reset', 20, bob('active'), { mfa: { all: true, factors: [] } });
		await apply([reset]);
		fake.enroll('bob');
		const [again] = await apply([reset]);
		expect(again).toMatchObject({ action: 'unchanged', reason: 'this MFA reset was already applied' });
		expect(fake.state().users.bob.devices).toBe(1);
	});

	it(`a reset asked to send an enrollment email ${provider.capabilities.enrollmentEmail ? 'sends it' : 'sends none, as the node has no such option'}`, async () => {
		fake = await provider.start(seed());
		const [result] = await apply([enrichedEvent('user.mfa_reset', 20, bob('active'), { mfa: { all: true, factors: [] } })], {
			options: { resetOn: 'anyReset', sendEnrollmentEmail: true },
		});
		expect(fake.state().users.bob.devices).toBe(0);
		if (provider.capabilities.enrollmentEmail) {
			expect(result).toMatchObject({ action: 'reset', changes: { enrollmentEmail: { from: false, to: true } } });
			expect(fake.enrollmentEmails()).toEqual(['bob']);
		} else {
			// The node does not offer the option, so a value left in the parameters is not read.
			expect(result).toMatchObject({ action: 'reset' });
			expect(result.changes).not.toHaveProperty('enrollmentEmail');
			expect(fake.enrollmentEmails()).toEqual([]);
		}
	});

	if (abilities(provider).groups) {
		it('group deletes touch only groups this tenant created or claimed', async () => {
			fake = await provider.start(seed());
			const [unowned] = await apply([
				enrichedEvent('group.deleted', 20, undefined, { group: { id: '00gADMINS', name: 'Admins' } }),
			]);
			expect(unowned).toMatchObject({ action: 'skipped', reason: expect.stringMatching(/^group not found/) });
			const [owned] = await apply([enrichedEvent('group.deleted', 21, undefined, { group: { ...DOOMED, name: 'Doomed' } })]);
			expect(owned).toMatchObject({ action: 'group_deleted', groupName: 'Owned Doomed' });
			expect(fake.state().groups).toEqual(['Admins', 'Doomed', 'Old Name']);
			expect(fake.state().users.admin.groups).toEqual(['Admins', 'Doomed']);
		});
	} else {
		it('without groups, every group and membership event is skipped with the reason, and looks nobody up', async () => {
			fake = await provider.start(seed());
			const before = fake.state();
			const events = everyEventType().filter((event) => event.type.startsWith('group.'));
			const results = await apply(events);
			const reason = noGroupsReason(provider.capabilities);
			expect(results.map((result) => [result.eventType, result.action, result.reason])).toEqual(
				events.map((event) => [event.type, 'skipped', reason]),
			);
			expect(fake.apiCalls()).toBe(0);
			expect(fake.state()).toEqual(before);
		});
	}

	if (abilities(provider).createsUsers) {
		it('a user the IdP creates is created, with the profile it reports', async () => {
			fake = await provider.start(seed());
			const [result] = await apply([enrichedEvent('user.created', 20, jane('active', 'Doe', []))]);
			expect(result).toMatchObject({ action: 'created', username: expect.stringMatching(/^jane(@|$)/) });
			expect(fake.state().users.jane).toEqual({ status: 'active', familyName: 'Doe', groups: [], devices: 0 });
		});
	} else {
		it('a user the IdP creates is not created, and the result says why', async () => {
			fake = await provider.start(seed());
			const [result] = await apply([enrichedEvent('user.created', 20, jane('active', 'Doe', []))]);
			expect(result).toMatchObject({ action: 'skipped', reason: provider.capabilities.unsupported?.createUser });
			expect(fake.writes()).toEqual([]);
			expect(fake.state().users.jane).toBeUndefined();
		});
	}

	if (!abilities(provider).writesProfiles) {
		it('a profile change writes nothing where the identity source owns profiles; the status still follows', async () => {
			fake = await provider.start({ ...seed(), users: [{ username: 'jane', familyName: 'Doe', status: 'disabled' }] });
			const [result] = await apply([enrichedEvent('user.updated', 20, jane('active', 'Smith', []))]);
			expect(result).toMatchObject({ action: 'enabled', changes: { status: { from: 'disabled', to: 'active' } } });
			expect(Object.keys(result.changes as object)).toEqual(['status']);
			expect(fake.state().users.jane).toEqual({ status: 'active', familyName: 'Doe', groups: [], devices: 0 });
		});
	}

	it('a dry run plans exactly the writes the real run then sends, and writes nothing', async () => {
		fake = await provider.start(seed());
		const planned = await apply(everyEventType(), { ...OPTIONS, dryRun: true });
		expect(fake.writes()).toEqual([]);
		await fake.close();
		fake = await provider.start(seed());
		const done = await apply(everyEventType());
		expect(planned.map((item) => item.action)).toEqual(done.map((item) => item.action));
		const plannedWrites = planned.flatMap((item) => item.plannedWrites as IDataObject[]);
		const realIds = new Map<string, string>();
		planned.forEach((item, index) => {
			for (const key of ['userId', 'groupId']) {
				const id = item[key];
				if (typeof id === 'string' && id.startsWith('planned:')) realIds.set(id, String(done[index][key]));
			}
		});
		let text = JSON.stringify(plannedWrites.map(({ method, path, params }) => ({ method, path, params })));
		for (const [plannedId, realId] of realIds) {
			text = text.split(encodeURIComponent(plannedId)).join(encodeURIComponent(realId)).split(plannedId).join(realId);
		}
		expect(JSON.parse(text)).toEqual(fake.writes());
		expect(planned.every((item) => Array.isArray(item.plan))).toBe(true);
		expect(planned.flatMap((item) => item.plan as unknown[]).length).toBeGreaterThan(0);
	});
});
