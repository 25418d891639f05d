import { GroupDirectory } from '../../../../nodes/shared/mfa/adapter/groupDirectory';
import type { MfaGroup } from '../../../../nodes/shared/mfa/port';

/** A provider's groups and how often they were listed. */
function provider(groups: MfaGroup[]) {
	const state = { groups, listings: 0 };
	const list = async () => {
		state.listings += 1;
		return state.groups.map((group) => ({ ...group }));
	};
	return { state, list };
}

let accounts = 0;

describe('GroupDirectory', () => {
	const vpn = { id: 'g1', name: 'VPN', description: 'idp:okta:acme.okta.com/00gVPN' };
	const admins = { id: 'g2', name: 'Admins', description: '' };

	it('lists once per execution and finds groups by id, marker and name, the marker first when asked', async () => {
		const { state, list } = provider([vpn, admins, { id: 'g3', name: 'vpn copy', description: '' }]);
		const directory = new GroupDirectory({ account: `a${++accounts}`, list, dryRun: false, maxAgeMs: 0 });
		expect(await directory.find({ id: 'g2' })).toMatchObject(admins);
		expect(await directory.find({ markers: ['idp:okta:acme.okta.com/00gVPN'], name: 'Admins' }, { markerFirst: true })).toMatchObject(vpn);
		expect(await directory.find({ name: 'vpn' })).toMatchObject(vpn);
		expect(await directory.find({ name: 'Nobody' })).toBeUndefined();
		expect(state.listings).toBe(1);
	});

	it('a later execution within the maximum age reuses the listing, and lists again for a name it does not know', async () => {
		const account = `a${++accounts}`;
		const { state, list } = provider([vpn]);
		const first = new GroupDirectory({ account, list, dryRun: false, maxAgeMs: 60_000 });
		await first.find({ name: 'VPN' });
		first.save();
		state.groups.push(admins);
		const second = new GroupDirectory({ account, list, dryRun: false, maxAgeMs: 60_000 });
		expect(await second.find({ name: 'VPN' })).toMatchObject(vpn);
		expect(state.listings).toBe(1);
		expect(await second.find({ name: 'Admins' })).toMatchObject(admins);
		expect(state.listings).toBe(2);
	});

	it('a dry run keeps nothing for later executions, and groups it plans survive a fresh listing', async () => {
		const account = `a${++accounts}`;
		const { state, list } = provider([vpn]);
		const dry = new GroupDirectory({ account, list, dryRun: true, maxAgeMs: 60_000 });
		dry.record({ id: 'planned:Finance', name: 'Finance', description: '' });
		await dry.refresh();
		expect(await dry.find({ name: 'Finance' })).toMatchObject({ id: 'planned:Finance' });
		dry.save();
		const later = new GroupDirectory({ account, list, dryRun: false, maxAgeMs: 60_000 });
		expect(await later.find({ name: 'Finance' })).toBeUndefined();
		expect(state.listings).toBe(2);
	});
});
