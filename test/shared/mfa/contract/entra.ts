import type { IDataObject } from 'n8n-workflow';

import { ENTRA_CAPABILITIES } from '../../../../nodes/EntraMfa/client/capabilities';
import { MFA_PERMISSIONS, startFakeGraph, type FakeGraph } from '../../../../sandbox/graph/server';
import { FAST, entraGroupNames, entraUserByUpn, runEntraMfa } from '../../../entraMfa/helpers';
import type { ContractSeed, ProviderFake, ProviderUnderContract } from './harness';

const fakes = new WeakMap<ProviderFake, FakeGraph>();
const DOMAIN = 'contract.test';
const groupId = (name: string) => `g-${name.replace(/\W/g, '').toLowerCase()}`;
/**
 * Each start reuses the first fake's port, since a member's @odata.id names the Graph base URL, and
 * is a new tenant, so no group listing of an earlier start is reused.
 */
let port = 0;
let tenants = 0;

/** Entra ID names users by userPrincipalName, so the contract's IdP users map by email. */
export const entraUnderContract: ProviderUnderContract = {
	name: 'Entra ID (MFA target)',
	capabilities: ENTRA_CAPABILITIES,
	async start(seed: ContractSeed) {
		const graph = await startFakeGraph({
			port,
			tenantId: `aaaabbbb-0000-cccc-1111-${String(++tenants).padStart(12, '0')}`,
			permissions: MFA_PERMISSIONS,
			groups: seed.groups.map((group) => ({ id: groupId(group.name), displayName: group.name, description: group.marker ?? null })),
			users: seed.users.map((user) => ({
				id: `u-${user.username}`,
				userPrincipalName: `${user.username}@${DOMAIN}`,
				surname: user.familyName ?? '',
				accountEnabled: user.status !== 'disabled',
				...(user.anchor ? { onPremisesExtensionAttributes: { extensionAttribute1: user.anchor } } : {}),
				methods: Array.from({ length: user.devices ?? 0 }, (_, k) =>
					k === 0
						? { type: 'microsoftAuthenticator', id: `ma-${user.username}`, isDefault: true }
						: { type: 'softwareOath', id: `oath-${user.username}-${k}` },
				),
			})),
			members: Object.fromEntries(
				seed.groups.map((group) => [
					groupId(group.name),
					seed.users.filter((user) => user.groups?.includes(group.name)).map((user) => `u-${user.username}`),
				]),
			),
		});
		port = Number(new URL(graph.graphUrl).port);
		const fake: ProviderFake = {
			state() {
				const users = [...graph.directory.users.values()].map((user) => [
					String(user.userPrincipalName).split('@')[0],
					{
						status: user.accountEnabled === false ? 'disabled' : 'active',
						familyName: String(user.surname ?? ''),
						groups: entraGroupNames(graph, user.id),
						devices: graph.authMethods.get(user.id)?.length ?? 0,
					},
				]);
				return {
					users: Object.fromEntries(users),
					groups: [...graph.directory.groups.values()].map((group) => String(group.displayName)).sort(),
				};
			},
			writes: () => graph.writes(),
			apiCalls: () => graph.requests.filter((request) => !request.path.endsWith('/token')).length,
			enrollmentEmails: () => [],
			enroll: (username) => {
				const user = entraUserByUpn(graph, `${username}@${DOMAIN}`);
				if (!user) throw new Error(`Entra ID has no user ${username}`);
				graph.enrollMethod(user.id, 'fido2');
			},
			close: () => graph.close(),
		};
		fakes.set(fake, graph);
		return fake;
	},
	async run(fake, parameters, items) {
		const graph = fakes.get(fake) as FakeGraph;
		const { options, ...rest } = parameters as { options?: IDataObject };
		const output = await runEntraMfa(
			graph,
			{ resource: 'identityEvent', operation: 'apply', usernameSource: 'email', ...rest, options: { ...FAST, ...(options ?? {}) } },
			items.map((event) => ({ json: event as unknown as IDataObject })),
		);
		return output.map((item) => item.json);
	},
};
