import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { RSA_NOT_CREATED, RSA_NO_GROUPS } from '../../../nodes/RsaSecurId/client/capabilities';
import { RsaSecurId } from '../../../nodes/RsaSecurId/RsaSecurId.node';
import type { FakeRsa } from '../../../sandbox/rsa/server';
import { membershipEvent, mfaResetEvent, userEvent } from '../../duo/helpers';
import { rejection } from '../../helpers/nodeProbe';
import { ANN_WITH_AUTHENTICATORS, applyToRsa, rsaWrites, runRsa, startFakeRsa } from '../helpers';

const ann = { id: '00uA', login: 'ann', email: 'ann@example.com', status: 'active' as const };
const json = async (promise: ReturnType<typeof runRsa>) => (await promise).map((item) => item.json);
const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });
const annIn = (fake: FakeRsa) => fake.snapshot().users.find((user) => user.emailAddress === 'ann@example.com');
const writeRoutes = (fake: FakeRsa) => fake.calls.filter((call) => call.kind === 'write').map((call) => call.route);

function property(name: string, resource?: string): INodeProperties | undefined {
	return new RsaSecurId().description.properties.find(
		(entry) => entry.name === name && (!resource || entry.displayOptions?.show?.resource?.includes(resource)),
	);
}

describe('RSA SecurID: the node', () => {
	let fake: FakeRsa;
	afterEach(async () => await fake?.close());

	it('offers only what an Administration API key can do, and says why the rest is missing', () => {
		const values = (property('operation', 'user')?.options ?? []).map((option) => (option as { value: string }).value);
		expect(values).toEqual(['delete', 'disable', 'enable', 'get', 'resetEnrollment']);
		expect(property('resource')?.options?.map((option) => (option as { value: string }).value)).toEqual(['directory', 'identityEvent', 'user']);
		expect(property('rsaLimitsNotice')?.displayName).toMatch(/cannot|come from its identity source/);
		const apply = new RsaSecurId().description.properties.filter((entry) => entry.displayOptions?.show?.operation?.includes('apply'));
		expect(apply.find((entry) => entry.name === 'applyNotice')?.displayName).toContain(RSA_NO_GROUPS);
		const options = apply.find((entry) => entry.name === 'options')?.options?.map((option) => option.name);
		expect(options).not.toContain('createMissingGroups');
		expect(options).not.toContain('sendEnrollmentEmail');
		expect(apply.find((entry) => entry.name === 'usernameSource')?.default).toBe('email');
		const user = new RsaSecurId().description.properties.find((entry) => entry.name === 'user');
		expect(user?.modes?.map((mode) => mode.name)).toEqual(['list', 'username']);
	});

	it('disables, enables and deletes a user found by email; deleting an enabled user disables it first', async () => {
		fake = await startFakeRsa({ seed: { users: [{ emailAddress: 'ann@example.com' }] } });
		const run = (operation: string) =>
			json(runRsa(fake, { resource: 'user', operation, user: byUsername('ANN@example.com'), options: {} }));
		expect(await run('disable')).toMatchObject([{ action: 'disabled', username: 'ann@example.com' }]);
		expect(annIn(fake)?.userStatus).toBe('Disabled');
		expect(await run('enable')).toMatchObject([{ action: 'enabled' }]);
		expect(await run('enable')).toMatchObject([{ action: 'unchanged' }]);
		expect(await run('delete')).toMatchObject([{ action: 'deleted' }]);
		expect(writeRoutes(fake)).toEqual([
			'PUT /v1/users/:id/userStatus',
			'PUT /v1/users/:id/userStatus',
			'PUT /v1/users/:id/userStatus',
			'DELETE /v1/users/:id',
		]);
		expect(fake.snapshot().users).toEqual([]);
		expect(await run('delete')).toMatchObject([{ action: 'skipped', reason: 'user not found' }]);
	});

	it('resets enrollment: deletes every authenticator, browsers included, and unassigns a SecurID 700 token', async () => {
		fake = await startFakeRsa({ seed: { users: [ANN_WITH_AUTHENTICATORS] } });
		const [result] = await json(
			runRsa(fake, { resource: 'user', operation: 'resetEnrollment', user: byUsername('ann@example.com'), options: {} }),
		);
		expect(result).toMatchObject({ action: 'reset', username: 'ann@example.com' });
		expect(annIn(fake)).toMatchObject({ userStatus: 'Enabled', devices: [] });
		expect(writeRoutes(fake)).toEqual([
			'DELETE /v1/users/:id/devices/:id',
			'DELETE /v1/users/:id/devices/:id',
			'PATCH /v1/users/:id/sidTokens/unassign',
		]);
		expect(rsaWrites(fake)[2].params).toEqual({ tokenSerialNumber: expect.stringMatching(/^\d+$/) });
		expect(fake.calls.find((call) => call.route === 'GET /v2/users/:id/devices')?.query).toEqual({ includeBrowsers: 'true' });
	});

	it('applies identity events within what RSA allows, and says why for the rest', async () => {
		fake = await startFakeRsa({ seed: { users: [{ emailAddress: 'ann@example.com', lastName: 'Lee', devices: [{}] }] } });
		const results = await applyToRsa(fake, [
			userEvent('user.created', { id: '00uN', login: 'new', email: 'new@example.com' }),
			userEvent('user.updated', { ...ann, familyName: 'Other' }),
			membershipEvent('group.member_added', ann, { id: '00gV', name: 'VPN' }),
			userEvent('user.suspended', ann),
			mfaResetEvent(ann),
			userEvent('user.reactivated', ann),
		]);
		expect(results.map(({ eventType, action, reason }) => [eventType, action, reason])).toEqual([
			['user.created', 'skipped', RSA_NOT_CREATED],
			['user.updated', 'unchanged', undefined],
			['group.member_added', 'skipped', RSA_NO_GROUPS],
			['user.suspended', 'disabled', undefined],
			['user.mfa_reset', 'reset', undefined],
			['user.reactivated', 'enabled', undefined],
		]);
		expect(fake.calls.filter((call) => call.route === 'POST /v1/users/lookup')).toHaveLength(2);
		expect(annIn(fake)).toMatchObject({ userStatus: 'Enabled', devices: [] });
	});

	it('takes a user pending deletion as disabled: enabling takes the deletion back, deleting deletes it now', async () => {
		fake = await startFakeRsa({
			seed: {
				users: [
					{ emailAddress: 'ann@example.com', userStatus: 'Disabled', markDeleted: true },
					{ emailAddress: 'bob@example.com', userStatus: 'Disabled', markDeleted: true },
				],
			},
		});
		const results = await applyToRsa(fake, [
			userEvent('user.reactivated', ann),
			userEvent('user.deleted', { id: '00uB', login: 'bob', email: 'bob@example.com' }),
		]);
		expect(results.map((result) => result.action)).toEqual(['enabled', 'deleted']);
		expect(annIn(fake)).toMatchObject({ userStatus: 'Enabled', markDeleted: false });
		expect(fake.snapshot().users).toHaveLength(1);
		expect(writeRoutes(fake)).toEqual([
			'PUT /v1/users/:id/markDeleted',
			'PUT /v1/users/:id/userStatus',
			'PUT /v1/users/:id/markDeleted',
			'DELETE /v1/users/:id',
		]);
	});

	it('deletes a user the IdP names by id only, by the email this process last matched it to', async () => {
		fake = await startFakeRsa({ seed: { users: [{ emailAddress: 'ann@example.com' }] } });
		const gone = (id: string) => ({
			...userEvent('user.deleted', { id, login: 'ann' }),
			enrichment: { status: 'not_found' as const, observedAt: '2026-11-01T10:00:05.000Z' },
		});
		expect(await applyToRsa(fake, [gone('00uA')])).toMatchObject([{ action: 'skipped', reason: 'user not found' }]);
		await applyToRsa(fake, [userEvent('user.updated', ann)]);
		expect(await applyToRsa(fake, [gone('00uOTHER'), gone('00uA')])).toMatchObject([
			{ action: 'skipped', reason: 'user not found' },
			{ action: 'deleted', username: 'ann@example.com' },
		]);
		expect(fake.snapshot().users).toEqual([]);
	});

	it('gets a user with its authenticators; a username that is no email address finds nobody', async () => {
		fake = await startFakeRsa({ seed: { users: [ANN_WITH_AUTHENTICATORS] } });
		const [got] = await json(runRsa(fake, { resource: 'user', operation: 'get', user: byUsername('ann@example.com'), simplify: true }));
		expect(got).toMatchObject({ username: 'ann@example.com', firstName: 'Ann', status: 'enabled' });
		expect((got.devices as IDataObject[]).map((device) => device.type)).toEqual(['RSA_AUTHENTICATOR', 'BROWSER', 'SECURID_700']);
		fake.resetCounts();
		const error = await rejection(runRsa(fake, { resource: 'user', operation: 'get', user: byUsername('ann'), simplify: true }));
		expect(error.message).toBe('No RSA SecurID user matches ann');
		expect(fake.calls).toEqual([]);
	});

	it('in a dry run plans the disable that a deletion needs, and writes nothing', async () => {
		fake = await startFakeRsa({ seed: { users: [{ emailAddress: 'ann@example.com' }] } });
		const [planned] = await json(
			runRsa(fake, { resource: 'user', operation: 'delete', user: byUsername('ann@example.com'), dryRun: true, options: {} }),
		);
		const id = annIn(fake)?.id;
		expect(planned).toMatchObject({
			action: 'deleted',
			dryRun: true,
			plannedWrites: [
				{ method: 'PUT', path: `/v1/users/${id}/userStatus`, params: { userStatus: 'Disabled' } },
				{ method: 'DELETE', path: `/v1/users/${id}` },
			],
		});
		expect(rsaWrites(fake)).toEqual([]);
	});

	it('refuses a mapping profile with attributes, since RSA takes profiles from its identity source', async () => {
		fake = await startFakeRsa();
		const event = userEvent('user.updated', ann);
		const error = await rejection(
			runRsa(
				fake,
				{ resource: 'identityEvent', operation: 'apply', mapping: 'json', mappingProfile: JSON.stringify({ attributes: { lastName: '{{ idp.familyName }}' } }) },
				[{ json: event as unknown as IDataObject }],
			),
		);
		expect(error.message).toMatch(/^The mapping profile is not valid: attributes\.lastName/);
		expect(fake.calls).toEqual([]);
	});
});
