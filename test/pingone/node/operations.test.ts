import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { syncProfileTest } from '../../../nodes/PingOneMfa/methods/credentialTest';
import { PingOneMfa } from '../../../nodes/PingOneMfa/PingOneMfa.node';
import type { FakePingOne } from '../../../sandbox/pingone/server';
import { userEvent } from '../../duo/helpers';
import { rejection } from '../../helpers/nodeProbe';
import { pingOneWrites, runPingOne, startFakePingOne } from '../helpers';

const json = async (promise: ReturnType<typeof runPingOne>) => (await promise).map((item) => item.json);
const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });

function operationsOf(resource: string, tool: boolean): string[] {
	const selector = new PingOneMfa().description.properties.find(
		(property: INodeProperties) =>
			property.name === 'operation' &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.['@tool']?.includes(tool),
	);
	return (selector?.options ?? []).map((option) => (option as { value: string }).value);
}

describe('PingOne MFA: the node', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake?.close());

	it('offers the Duo set of operations, and AI agents only those that remove nothing', () => {
		expect(operationsOf('user', false)).toEqual(['upsert', 'delete', 'disable', 'enable', 'get', 'resetEnrollment', 'syncGroups']);
		expect(operationsOf('user', true)).toEqual(['upsert', 'enable', 'get']);
		expect(operationsOf('group', false)).toEqual(['create', 'delete', 'getAll', 'rename']);
		expect(operationsOf('identityEvent', false)).toEqual(['apply', 'previewMapping']);
		expect(operationsOf('identityEvent', true)).toEqual(['previewMapping']);
	});

	it('creates a user from fields, with PingOne name parts, and updates only what differs', async () => {
		fake = await startFakePingOne();
		const upsert = (additionalFields: INodeParameters) =>
			json(
				runPingOne(fake, {
					resource: 'user',
					operation: 'upsert',
					input: 'fields',
					username: 'jane',
					idpUserId: '00uJ',
					additionalFields,
					options: {},
				}),
			);
		const [created] = await upsert({ email: 'jane@example.com', givenName: 'Jane', familyName: 'Doe', title: 'Engineer' });
		expect(created).toMatchObject({ action: 'created', username: 'jane' });
		expect(fake.snapshot().users[0]).toMatchObject({ email: 'jane@example.com', name: { given: 'Jane', family: 'Doe' }, enabled: true });
		expect(fake.state.users.get(String(created.userId))).toMatchObject({ title: 'Engineer', externalId: '00uJ' });
		const [updated] = await upsert({ familyName: 'Smith', status: 'disabled' });
		expect(updated).toMatchObject({
			action: 'disabled',
			changes: { familyName: { from: 'Doe', to: 'Smith' }, status: { from: 'active', to: 'disabled' } },
		});
		expect(pingOneWrites(fake).slice(1).map(({ method, params }) => [method, params])).toEqual([
			['PATCH', { name: { given: 'Jane', family: 'Smith' } }],
			['PUT', { enabled: false }],
		]);
		const [unchanged] = await upsert({ familyName: 'Smith', status: 'disabled' });
		expect(unchanged).toMatchObject({ action: 'unchanged' });
	});

	it('gets a user with its groups and devices', async () => {
		fake = await startFakePingOne({
			seed: { users: [{ username: 'ann', email: 'ann@example.com', name: { family: 'Lee' }, groups: ['staff'], devices: [{ type: 'TOTP' }] }] },
		});
		const [ann] = await json(runPingOne(fake, { resource: 'user', operation: 'get', user: byUsername('ANN'), simplify: true }));
		expect(ann).toMatchObject({
			username: 'ann',
			email: 'ann@example.com',
			familyName: 'Lee',
			status: 'active',
			groups: ['staff'],
			devices: [{ type: 'TOTP', status: 'ACTIVE' }],
		});
		const error = await rejection(runPingOne(fake, { resource: 'user', operation: 'get', user: byUsername('nobody'), simplify: true }));
		expect(error.message).toBe('No PingOne user matches nobody');
	});

	it('syncs groups within the allowlist, creating a missing one on request', async () => {
		fake = await startFakePingOne({
			seed: { users: [{ username: 'ann', email: 'ann@example.com', groups: ['MFA-Old', 'Admins'] }] },
		});
		const [result] = await json(
			runPingOne(fake, {
				resource: 'user',
				operation: 'syncGroups',
				user: byUsername('ann'),
				groups: 'MFA-New',
				mode: 'set',
				options: { groupAllowlist: 'MFA-*', createMissingGroups: true },
			}),
		);
		expect(result).toMatchObject({ action: 'updated', groups: { added: ['MFA-New'], removed: ['MFA-Old'], created: ['MFA-New'] } });
		expect(fake.snapshot().users[0].groups).toEqual(['Admins', 'MFA-New']);
	});

	it('creates, lists, renames and deletes groups', async () => {
		fake = await startFakePingOne({ seed: { groups: [{ name: 'staff' }] } });
		const run = (parameters: IDataObject) => json(runPingOne(fake, { resource: 'group', options: {}, ...parameters }));
		expect(await run({ operation: 'create', name: 'ops' })).toMatchObject([{ action: 'group_created', groupName: 'ops' }]);
		expect(await run({ operation: 'create', name: 'OPS' })).toMatchObject([{ action: 'unchanged', reason: 'group exists' }]);
		expect((await run({ operation: 'getAll', returnAll: true })).map((group) => group.name)).toEqual(['staff', 'ops']);
		expect(await run({ operation: 'rename', group: { __rl: true, mode: 'name', value: 'ops' }, newName: 'operations' })).toMatchObject([
			{ action: 'group_renamed', groupName: 'operations' },
		]);
		expect(await run({ operation: 'delete', group: { __rl: true, mode: 'name', value: 'operations' } })).toMatchObject([
			{ action: 'group_deleted' },
		]);
		expect(fake.snapshot().groups.map((group) => group.name)).toEqual(['staff']);
	});

	it('in a dry run reads PingOne, writes nothing and lists the requests it would send', async () => {
		fake = await startFakePingOne({ seed: { users: [{ username: 'ann', email: 'ann@example.com', devices: [{ type: 'TOTP' }] }] } });
		const [reset] = await json(
			runPingOne(fake, { resource: 'user', operation: 'resetEnrollment', user: byUsername('ann'), dryRun: true, options: {} }),
		);
		const ann = fake.snapshot().users[0];
		expect(reset).toMatchObject({
			action: 'reset',
			dryRun: true,
			plan: [{ op: 'removeDevice', username: 'ann', device: { kind: 'TOTP' } }],
			plannedWrites: [{ method: 'DELETE', path: `/users/${ann.id}/devices/${ann.devices[0].id}` }],
		});
		expect(pingOneWrites(fake)).toEqual([]);
		expect(fake.snapshot().users[0].devices).toHaveLength(1);
	});

	it('previews a mapping without calling PingOne, and refuses a profile with a field PingOne lacks', async () => {
		fake = await startFakePingOne();
		const event = userEvent('user.created', { id: '00uJ', login: 'jane', email: 'jane@example.com', familyName: 'Doe' });
		const profile = { username: '{{ idp.email }}', attributes: { familyName: '{{ idp.familyName }}', externalId: '{{ idp.id }}' } };
		const [preview] = await json(
			runPingOne(fake, { resource: 'identityEvent', operation: 'previewMapping', mapping: 'json', mappingProfile: JSON.stringify(profile) }, [
				{ json: event as unknown as IDataObject },
			]),
		);
		expect(preview).toMatchObject({
			username: 'jane@example.com',
			attributes: { familyName: 'Doe' },
			anchor: { field: 'externalId', value: 'idp:okta:example.okta.com/00uJ' },
		});
		expect(fake.calls).toEqual([]);
		const result = await syncProfileTest.call({} as never, {
			id: 'p',
			name: 'p',
			type: 'idpSyncProfileApi',
			data: { profile: JSON.stringify({ attributes: { realname: '{{ idp.displayName }}' } }) },
		});
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^The profile is not valid for PingOne: attributes\.realname/) });
	});
});
