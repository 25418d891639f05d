import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialsDecrypted } from 'n8n-workflow';

import { IdpSyncProfileApi } from '../../../credentials/IdpSyncProfileApi.credentials';
import { DuoSecurity } from '../../../nodes/DuoSecurity/DuoSecurity.node';
import { prepareN8nContainer } from '../../harness/n8nContainer';

const node = new DuoSecurity();
const credentialType = new IdpSyncProfileApi();

/** Runs the credential test n8n picks for the credential: the node method named by `testedBy`. */
async function testProfile(profile: unknown) {
	const declared = node.description.credentials?.find((c) => c.name === credentialType.name);
	const testedBy = declared?.testedBy as string;
	const test = node.methods.credentialTest[testedBy as keyof typeof node.methods.credentialTest];
	const credential: ICredentialsDecrypted = {
		id: 'profile',
		name: 'Profile',
		type: credentialType.name,
		data: { profile } as ICredentialsDecrypted['data'],
	};
	return await test.call(new CredentialTestContext(), credential);
}

describe('IdP Sync Profile API credential test', () => {
	beforeAll(() => prepareN8nContainer());

	it('accepts the default profile of the credential and every sample profile', async () => {
		const initial = credentialType.properties.find((p) => p.name === 'profile')?.default;
		expect(await testProfile(initial)).toEqual({ status: 'OK', message: 'The profile is valid' });
		const dir = join(__dirname, '..', '..', '..', 'examples', 'profiles');
		for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
			expect(await testProfile(readFileSync(join(dir, file), 'utf8'))).toMatchObject({
				status: 'OK',
			});
		}
	});

	it('names every problem by its path', async () => {
		const result = await testProfile(
			JSON.stringify({
				tenants: {
					'acme.okta.com': {
						attributes: { phone: '{{ idp.mobilePhone }}' },
						rules: [{ equals: ['a', 'a'] }, { and: [{ contains: ['x'] }] }],
					},
				},
				default: { onDelete: 'archive' },
			}),
		);
		expect(result).toEqual({
			status: 'Error',
			message:
				"The profile is not valid for Duo: tenants.acme.okta.com.attributes.phone: not a writable field; use one of realname, firstname, lastname, email, notes, alias1, alias2, alias3, alias4; tenants.acme.okta.com.rules[1].and[0].contains: expected exactly two operands; default.onDelete: Invalid enum value. Expected 'delete' | 'disable', received 'archive'",
		});
	});

	it('refuses text that is not JSON', async () => {
		const result = await testProfile('{ "username": ');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The profile is not valid for Duo: \(profile\): not valid JSON/);
	});
});
