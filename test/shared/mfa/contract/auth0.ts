import type { IDataObject } from 'n8n-workflow';

import { AUTH0_CAPABILITIES } from '../../../../nodes/Auth0Mfa/client/capabilities';
import { startFakeAuth0, type FakeAuth0 } from '../../../../sandbox/auth0/server';
import { FAST, auth0RoleNames, auth0UserByEmail, runAuth0Mfa } from '../../../auth0Mfa/helpers';
import type { ContractSeed, ProviderFake, ProviderUnderContract } from './harness';

const fakes = new WeakMap<ProviderFake, FakeAuth0>();
const DOMAIN = 'contract.test';
const roleId = (name: string) => `rol_${name.replace(/\W/g, '')}`;
let tenants = 0;

/** Auth0 names users by email, so the contract's IdP users map by email; roles are its groups. */
export const auth0UnderContract: ProviderUnderContract = {
	name: 'Auth0 (MFA target)',
	capabilities: AUTH0_CAPABILITIES,
	async start(seed: ContractSeed) {
		const auth0 = await startFakeAuth0({
			tenant: `contract-${++tenants}`,
			roles: seed.groups.map((group) => ({ id: roleId(group.name), name: group.name, description: group.marker ?? '' })),
			users: seed.users.map((user) => ({
				user_id: `auth0|${user.username}`,
				email: `${user.username}@${DOMAIN}`,
				family_name: user.familyName ?? '',
				blocked: user.status === 'disabled',
				...(user.anchor ? { app_metadata: { idpUserId: user.anchor } } : {}),
				methods: Array.from({ length: user.devices ?? 0 }, (_, k) => ({ type: k % 2 ? 'phone' : 'totp', id: `m-${user.username}-${k}` })),
			})),
			userRoles: Object.fromEntries(
				seed.users.map((user) => [`auth0|${user.username}`, (user.groups ?? []).map(roleId)]),
			),
		});
		const fake: ProviderFake = {
			state() {
				const users = [...auth0.state.users.values()].map((user) => [
					String(user.email).split('@')[0],
					{
						status: user.blocked ? 'disabled' : 'active',
						familyName: String(user.family_name ?? ''),
						groups: auth0RoleNames(auth0, user.user_id),
						devices: auth0.state.authMethods.get(user.user_id)?.length ?? 0,
					},
				]);
				return {
					users: Object.fromEntries(users),
					groups: [...auth0.state.roles.values()].map((role) => role.name).sort(),
				};
			},
			writes: () => auth0.writes(),
			apiCalls: () => auth0.requests.filter((request) => !request.path.endsWith('/token')).length,
			enrollmentEmails: () =>
				auth0.state.tickets.filter((ticket) => ticket.send_mail).map((ticket) => String(ticket.email).split('@')[0]),
			enroll: (username) => {
				const user = auth0UserByEmail(auth0, `${username}@${DOMAIN}`);
				if (!user) throw new Error(`Auth0 has no user ${username}`);
				auth0.enrollMethod(user.user_id, 'push');
			},
			close: () => auth0.close(),
		};
		fakes.set(fake, auth0);
		return fake;
	},
	async run(fake, parameters, items) {
		const auth0 = fakes.get(fake) as FakeAuth0;
		const { options, ...rest } = parameters as { options?: IDataObject };
		const output = await runAuth0Mfa(
			auth0,
			{ resource: 'identityEvent', operation: 'apply', usernameSource: 'email', ...rest, options: { ...FAST, ...(options ?? {}) } },
			items.map((event) => ({ json: event as unknown as IDataObject })),
		);
		return output.map((item) => item.json);
	},
};
