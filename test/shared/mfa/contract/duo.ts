import type { IDataObject } from 'n8n-workflow';

import { DUO_CAPABILITIES } from '../../../../nodes/DuoSecurity/client/capabilities';
import { startFakeDuo, type FakeDuo } from '../../../../sandbox/duo/server';
import { FAST, runDuo, writesSent } from '../../../duo/helpers';
import type { ContractSeed, ProviderFake, ProviderUnderContract } from './harness';

const fakes = new WeakMap<ProviderFake, FakeDuo>();

export const duoUnderContract: ProviderUnderContract = {
	name: 'Duo',
	capabilities: DUO_CAPABILITIES,
	async start(seed: ContractSeed) {
		const duo = await startFakeDuo({
			seed: {
				groups: seed.groups.map((group) => ({ name: group.name, ...(group.marker ? { desc: group.marker } : {}) })),
				users: seed.users.map((user) => ({
					username: user.username,
					email: `${user.username}@contract.example`,
					lastname: user.familyName ?? '',
					status: user.status ?? 'active',
					groups: (user.groups ?? []).map((name) => ({ name })),
					phones: Array.from({ length: user.devices ?? 0 }, (_, k) => ({ phone_id: `DP${user.username}${k}` })),
					...(user.anchor ? { alias1: user.anchor } : {}),
				})),
			},
		});
		const fake: ProviderFake = {
			state() {
				const snapshot = duo.snapshot();
				return {
					users: Object.fromEntries(
						snapshot.users.map((user) => [
							user.username,
							{
								status: user.status === 'active' ? 'active' : user.status === 'disabled' ? 'disabled' : 'other',
								familyName: user.lastname,
								groups: user.groupNames,
								devices: user.phones.length + user.tokens.length + user.webauthn.length + user.u2f.length + user.bypassCodes.length,
							},
						]),
					),
					groups: snapshot.groups.map((group) => group.name),
				};
			},
			writes: () => writesSent(duo),
			enrollmentEmails: () => duo.snapshot().enrollments.map((entry) => entry.username),
			apiCalls: () => duo.calls.length,
			enroll: (username) => {
				duo.enrollDevices(username, { phones: [{}] });
			},
			close: () => duo.close(),
		};
		fakes.set(fake, duo);
		return fake;
	},
	async run(fake, parameters, items) {
		const duo = fakes.get(fake) as FakeDuo;
		const { options, ...rest } = parameters as { options?: IDataObject };
		const output = await runDuo(
			duo,
			{ resource: 'identityEvent', operation: 'apply', ...rest, options: { ...FAST, ...(options ?? {}) } },
			items.map((event) => ({ json: event as unknown as IDataObject })),
		);
		return output.map((item) => item.json);
	},
};
