import type { IDataObject } from 'n8n-workflow';

import { OKTA_CAPABILITIES } from '../../../../nodes/OktaMfa/client/capabilities';
import { startFakeOkta, type FakeOkta } from '../../../../sandbox/okta/server';
import { FAST, oktaGroupNames, oktaUserByLogin, runOktaMfa } from '../../../oktaMfa/helpers';
import type { ContractSeed, ContractUser, ProviderFake, ProviderUnderContract } from './harness';

const fakes = new WeakMap<ProviderFake, FakeOkta>();

const STATUS: Record<string, ContractUser['status']> = {
	ACTIVE: 'active',
	PROVISIONED: 'active',
	SUSPENDED: 'disabled',
	DEPROVISIONED: 'disabled',
};

export const oktaUnderContract: ProviderUnderContract = {
	name: 'Okta (MFA target)',
	capabilities: OKTA_CAPABILITIES,
	async start(seed: ContractSeed) {
		const okta = await startFakeOkta({
			groups: seed.groups.map((group) => ({ id: `00g${group.name.replace(/\W/g, '')}`, name: group.name, description: group.marker ?? '' })),
			users: seed.users.map((user) => ({
				id: `00u${user.username}`,
				status: user.status === 'disabled' ? 'SUSPENDED' : 'ACTIVE',
				provider: 'FEDERATION',
				profile: {
					login: user.username,
					email: `${user.username}@example.com`,
					firstName: user.username,
					lastName: user.familyName ?? '',
					...(user.anchor ? { idpUserId: user.anchor } : {}),
				},
				factors: Array.from({ length: user.devices ?? 0 }, (_, k) => ({ factorType: k % 2 ? 'sms' : 'push' })),
			})),
			memberships: Object.fromEntries(
				seed.groups.map((group) => [
					`00g${group.name.replace(/\W/g, '')}`,
					seed.users.filter((user) => user.groups?.includes(group.name)).map((user) => `00u${user.username}`),
				]),
			),
		});
		const fake: ProviderFake = {
			state() {
				const users = [...okta.state.users.values()].map((user) => [
					String(user.profile.login),
					{
						status: STATUS[user.status] ?? 'other',
						familyName: String(user.profile.lastName ?? ''),
						groups: oktaGroupNames(okta, user.id),
						devices: okta.state.factors.get(user.id)?.length ?? 0,
					},
				]);
				return {
					users: Object.fromEntries(users),
					groups: [...okta.state.groups.values()].map((group) => group.profile.name).sort(),
				};
			},
			writes: () => okta.writes(),
			apiCalls: () => okta.requests.filter((request) => !request.path.endsWith('/token')).length,
			enrollmentEmails: () => [],
			enroll: (username) => {
				const user = oktaUserByLogin(okta, username);
				if (!user) throw new Error(`Okta has no user ${username}`);
				okta.enrollFactor(user.id, 'push');
			},
			close: () => okta.close(),
		};
		fakes.set(fake, okta);
		return fake;
	},
	async run(fake, parameters, items) {
		const okta = fakes.get(fake) as FakeOkta;
		const { options, ...rest } = parameters as { options?: IDataObject };
		const output = await runOktaMfa(
			okta,
			{ resource: 'identityEvent', operation: 'apply', ...rest, options: { ...FAST, ...(options ?? {}) } },
			items.map((event) => ({ json: event as unknown as IDataObject })),
		);
		return output.map((item) => item.json);
	},
};
