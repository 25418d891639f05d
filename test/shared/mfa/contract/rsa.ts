import type { IDataObject } from 'n8n-workflow';

import { RSA_CAPABILITIES } from '../../../../nodes/RsaSecurId/client/capabilities';
import { startFakeRsa, type FakeRsa } from '../../../../sandbox/rsa/server';
import { rsaWrites, runRsa } from '../../../rsa/helpers';
import type { ContractSeed, ProviderFake, ProviderUnderContract } from './harness';
import { emailOf } from './story';

const fakes = new WeakMap<ProviderFake, FakeRsa>();

/** RSA users are known by email address; the contract names them by its local part. */
const usernameOf = (email: string) => email.split('@')[0];

export const rsaUnderContract: ProviderUnderContract = {
	name: 'RSA SecurID',
	capabilities: RSA_CAPABILITIES,
	async start(seed: ContractSeed) {
		const rsa = await startFakeRsa({
			seed: {
				users: seed.users.map((user) => ({
					emailAddress: emailOf(user.username),
					lastName: user.familyName ?? '',
					userStatus: (user.status ?? 'active') === 'active' ? 'Enabled' : 'Disabled',
					devices: Array.from({ length: user.devices ?? 0 }, () => ({ type: 'RSA_AUTHENTICATOR' })),
				})),
			},
		});
		const fake: ProviderFake = {
			state() {
				return {
					users: Object.fromEntries(
						[...rsa.state.users.values()].map((user) => [
							usernameOf(user.emailAddress),
							{
								status: user.userStatus === 'Enabled' ? 'active' : 'disabled',
								familyName: String(user.lastName ?? ''),
								groups: [],
								devices: user.devices.size,
							},
						]),
					),
					groups: [],
				};
			},
			writes: () => rsaWrites(rsa),
			apiCalls: () => rsa.calls.length,
			enrollmentEmails: () => [],
			enroll: (username) => {
				rsa.addDevice(emailOf(username), { type: 'RSA_AUTHENTICATOR' });
			},
			close: () => rsa.close(),
		};
		fakes.set(fake, rsa);
		return fake;
	},
	async run(fake, parameters, items) {
		const rsa = fakes.get(fake) as FakeRsa;
		const { options, ...rest } = parameters as { options?: IDataObject };
		const output = await runRsa(
			rsa,
			{ resource: 'identityEvent', operation: 'apply', ...rest, options: { retryBaseDelayMs: 1, ...(options ?? {}) } },
			items.map((event) => ({ json: event as unknown as IDataObject })),
		);
		return output.map((item) => item.json);
	},
};
