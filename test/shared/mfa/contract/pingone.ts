import type { IDataObject } from 'n8n-workflow';

import { PINGONE_CAPABILITIES } from '../../../../nodes/PingOneMfa/client/capabilities';
import { startFakePingOne, type FakePingOne } from '../../../../sandbox/pingone/server';
import { pingOneWrites, runPingOne } from '../../../pingone/helpers';
import type { ContractSeed, ProviderFake, ProviderUnderContract } from './harness';
import { emailOf } from './story';

const fakes = new WeakMap<ProviderFake, FakePingOne>();

export const pingOneUnderContract: ProviderUnderContract = {
	name: 'PingOne',
	capabilities: PINGONE_CAPABILITIES,
	async start(seed: ContractSeed) {
		const pingOne = await startFakePingOne({
			seed: {
				groups: seed.groups.map((group) => ({ name: group.name, ...(group.marker ? { description: group.marker } : {}) })),
				users: seed.users.map((user) => ({
					username: user.username,
					email: emailOf(user.username),
					name: { family: user.familyName ?? '' },
					enabled: (user.status ?? 'active') === 'active',
					groups: user.groups ?? [],
					devices: Array.from({ length: user.devices ?? 0 }, () => ({ type: 'TOTP' })),
					...(user.anchor ? { externalId: user.anchor } : {}),
				})),
			},
		});
		const fake: ProviderFake = {
			state() {
				const snapshot = pingOne.snapshot();
				return {
					users: Object.fromEntries(
						snapshot.users.map((user) => [
							user.username,
							{
								status: user.enabled ? 'active' : 'disabled',
								familyName: user.name?.family ?? '',
								groups: user.groups,
								devices: user.devices.length,
							},
						]),
					),
					groups: snapshot.groups.map((group) => group.name).sort(),
				};
			},
			writes: () => pingOneWrites(pingOne),
			apiCalls: () => pingOne.calls.filter((call) => call.kind !== 'token').length,
			enrollmentEmails: () => [],
			enroll: (username) => {
				pingOne.addDevice(username, { type: 'SMS', phone: '+15555550100' });
			},
			close: () => pingOne.close(),
		};
		fakes.set(fake, pingOne);
		return fake;
	},
	async run(fake, parameters, items) {
		const pingOne = fakes.get(fake) as FakePingOne;
		const { options, ...rest } = parameters as { options?: IDataObject };
		const output = await runPingOne(
			pingOne,
			{ resource: 'identityEvent', operation: 'apply', ...rest, options: { retryBaseDelayMs: 1, ...(options ?? {}) } },
			items.map((event) => ({ json: event as unknown as IDataObject })),
		);
		return output.map((item) => item.json);
	},
};
