import { LoadOptionsContext } from 'n8n-core';

import { DuoAdminApi } from '../../../credentials/DuoAdminApi.credentials';
import { DuoSecurity } from '../../../nodes/DuoSecurity/DuoSecurity.node';
import { searchGroups, searchUsers } from '../../../nodes/DuoSecurity/methods/listSearch';
import type { FakeDuo } from '../../../sandbox/duo/server';
import { buildWorkflowFixture } from '../../harness/workflowFixture';
import { duoCredentials, startDuo } from '../helpers';

/** n8n-core's load-options context for the node, as the editor uses for "From List" searches. */
function loadOptionsContext(fake: FakeDuo) {
	const fixture = buildWorkflowFixture({
		node: new DuoSecurity(),
		parameters: { resource: 'user', operation: 'get' },
		credentials: { duoAdminApi: duoCredentials(fake) },
		credentialTypes: [new DuoAdminApi()],
	});
	return new LoadOptionsContext(
		fixture.workflow,
		fixture.node,
		fixture.additionalData,
		'parameters.user',
	);
}

describe('list searches', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('pages users 100 at a time and filters by username, name or email', async () => {
		fake = await startDuo({
			users: Array.from({ length: 130 }, (_, i) => ({
				username: `user${i}`,
				realname: i === 120 ? 'Zed Findme' : `User ${i}`,
			})),
		});
		const context = loadOptionsContext(fake);
		const first = await searchUsers.call(context);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: 'user0 (User 0)',
			value: expect.stringMatching(/^DU/),
		});
		expect(first.paginationToken).toBe('100');
		const found = await searchUsers.call(context, 'findme', first.paginationToken);
		expect(found).toEqual({
			results: [{ name: 'user120 (Zed Findme)', value: expect.any(String) }],
			paginationToken: undefined,
		});
	});

	it('lists groups with their ids', async () => {
		fake = await startDuo({ groups: [{ name: 'MFA Users' }, { name: 'VPN' }] });
		const result = await searchGroups.call(loadOptionsContext(fake), 'vpn');
		expect(result.results).toEqual([{ name: 'VPN', value: fake.snapshot().groups[1].group_id }]);
	});
});
