import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeType,
} from 'n8n-workflow';

import { DuoAdminApi } from '../../../credentials/DuoAdminApi.credentials';
import { DuoDirectory } from '../../../nodes/DuoSecurity/client/DuoDirectory';
import { DEFAULT_RETRY_POLICY } from '../../../nodes/DuoSecurity/transport/retryPolicy';
import { groupAllowlist } from '../../../nodes/shared/mfa/groupNames';
import { intentOf } from '../../../nodes/shared/mfa/intents';
import { settingsApplyOptions } from '../../../nodes/shared/mfa/profiles';
import { runIntent } from '../../../nodes/shared/mfa/run';
import type { IdentityEvent } from '../../../nodes/shared/model';
import type { FakeDuo } from '../../../sandbox/duo/server';
import { executeNode } from '../../harness/engine';
import {
	duoCredentials,
	enrolledUser,
	groupEvent,
	membershipEvent,
	mfaResetEvent,
	startDuo,
	userEvent,
	writesSent,
} from '../helpers';

/** A test-only node that drives one DuoDirectory over events and outputs its write log. */
function directoryProbe(events: IdentityEvent[]): INodeType {
	return {
		description: {
			displayName: 'Directory Probe',
			name: 'directoryProbe',
			group: ['transform'],
			version: 1,
			description: 'Runs the Duo directory client',
			defaults: { name: 'Directory Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'duoAdminApi', required: true }],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const host = String((await this.getCredentials('duoAdminApi')).apiHostname);
			const directory = new DuoDirectory(this, { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1 }, host);
			const options = settingsApplyOptions(
				{
					mapping: { usernameSource: 'login' as const, anchorField: 'alias1' },
					createMissingGroups: true,
					onUserDeleted: 'delete' as const,
					resetOn: 'anyReset' as const,
					sendEnrollmentEmail: true,
					allowed: groupAllowlist([]),
				},
				directory.capabilities,
			);
			for (const [itemIndex, event] of events.entries()) {
				const scope = { node: this.getNode(), itemIndex, strict: false, provider: 'Duo' };
				await runIntent(directory, scope, intentOf(event, options));
			}
			return [
				directory.writes.map((write, item) => ({
					json: write as unknown as IDataObject,
					pairedItem: { item: 0 },
				})),
			];
		},
	};
}

describe('DuoDirectory.write', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('is the path of every write: its log equals the writes Duo received, with before → after', async () => {
		fake = await startDuo({
			groups: [{ name: 'staff' }],
			users: [enrolledUser('jane', { alias1: '00uJ' }), { username: 'bob', alias1: '00uB' }],
		});
		const events = [
			userEvent('user.created', { id: '00uN', login: 'nina', email: 'nina@example.com' }),
			userEvent('user.updated', { id: '00uB', login: 'bob', displayName: 'Bob B' }),
			userEvent('user.suspended', { id: '00uB', login: 'bob' }),
			mfaResetEvent({ id: '00uJ', login: 'jane' }),
			membershipEvent(
				'group.member_added',
				{ id: '00uN', login: 'nina' },
				{ id: '00gV', name: 'VPN' },
			),
			membershipEvent(
				'group.member_removed',
				{ id: '00uJ', login: 'jane' },
				{ id: '00gS', name: 'staff' },
			),
			groupEvent('group.renamed', { id: '00gV', name: 'VPN EU', previousName: 'VPN' }),
			groupEvent('group.created', { id: '00gS', name: 'staff' }),
			groupEvent('group.deleted', { id: '00gS', name: 'staff' }),
			userEvent('user.deleted', { id: '00uB', login: 'bob' }),
		];
		const [log] = await executeNode({
			node: directoryProbe(events),
			parameters: {},
			credentials: { duoAdminApi: duoCredentials(fake) },
			credentialTypes: [new DuoAdminApi()],
		});
		const logged = log.map(({ json }) => ({
			method: json.method,
			path: json.path,
			params: json.params,
		}));
		const received = writesSent(fake);
		expect(logged).toEqual(received);
		// 1 create, 2 updates, 7 device/bypass-code removals + 1 enrollment, 1 group create + 1 add,
		// 1 remove, 1 rename, 1 claim of staff (marker) + 1 group delete, 1 user delete
		expect(received.length).toBe(18);
		expect(log.map(({ json }) => json.target)).toContainEqual({
			kind: 'user',
			id: expect.any(String),
			name: 'bob',
		});
		expect(
			log.find(({ json }) => (json.params as IDataObject).status === 'disabled')?.json,
		).toMatchObject({
			before: { status: 'active' },
			after: { status: 'disabled' },
		});
	});
});
