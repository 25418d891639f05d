import type { FakeDuo } from '../../../sandbox/duo/server';
import { FAST, runDuo, startDuo } from '../helpers';

const TOOL = 'n8n-nodes-idp-mfa-sync.duoSecurityTool';
const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });

describe('Duo Security as an AI agent tool', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it.each([
		['user', 'delete'],
		['user', 'disable'],
		['user', 'resetEnrollment'],
		['user', 'syncGroups'],
		['group', 'delete'],
		['group', 'rename'],
		['identityEvent', 'apply'],
	])('refuses %s %s, writing nothing', async (resource, operation) => {
		fake = await startDuo({ users: [{ username: 'jane', groups: [{ name: 'staff' }] }] });
		await expect(
			runDuo(
				fake,
				{ resource, operation, user: byUsername('jane'), group: { __rl: true, mode: 'name', value: 'staff' }, options: FAST },
				[{ json: {} }],
				{ nodeType: TOOL },
			),
		).rejects.toThrow(`The ${operation} operation is not available to AI agents`);
		expect(fake.calls).toEqual([]);
	});

	it('still reads and enables users', async () => {
		fake = await startDuo({ users: [{ username: 'jane', status: 'disabled' }] });
		const [got] = await runDuo(fake, { resource: 'user', operation: 'get', user: byUsername('jane'), options: FAST }, undefined, { nodeType: TOOL });
		expect(got.json).toMatchObject({ username: 'jane', status: 'disabled' });
		const [enabled] = await runDuo(fake, { resource: 'user', operation: 'enable', user: byUsername('jane'), options: FAST }, undefined, { nodeType: TOOL });
		expect(enabled.json).toMatchObject({ action: 'enabled' });
	});
});
