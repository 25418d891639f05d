import { partitionSeen, readWindow, recordSeen } from '../../nodes/IdpEventTrigger/pipeline/dedupe';

describe('duplicate suppression window', () => {
	const ids = (item: { ids: string[] }) => item.ids;

	it('passes unseen ids and holds back ids seen within the window', () => {
		const staticData: Record<string, unknown> = {};
		recordSeen(staticData, readWindow(staticData), ['a', 'b'], 1_000, 60_000);
		const { fresh, duplicates } = partitionSeen(readWindow(staticData), [{ ids: ['a'] }, { ids: ['c'] }, { ids: ['x', 'b'] }], ids, 2_000, 60_000);
		expect(fresh).toEqual([{ ids: ['c'] }]);
		expect(duplicates).toEqual([{ ids: ['a'] }, { ids: ['x', 'b'] }]);
		expect(JSON.parse(JSON.stringify(staticData))).toEqual({ seenEvents: { ids: { a: 1_000, b: 1_000 } } });
	});

	it('forgets ids once the window has passed', () => {
		const staticData: Record<string, unknown> = {};
		recordSeen(staticData, readWindow(staticData), ['a'], 0, 60_000);
		expect(partitionSeen(readWindow(staticData), [{ ids: ['a'] }], ids, 60_001, 60_000).fresh).toHaveLength(1);
		recordSeen(staticData, readWindow(staticData), ['b'], 120_000, 60_000);
		expect([...readWindow(staticData).ids.keys()]).toEqual(['b']);
	});

	it('keeps at most the newest N ids', () => {
		const staticData: Record<string, unknown> = {};
		for (let i = 0; i < 10; i++) recordSeen(staticData, readWindow(staticData), [`id${i}`], i, 60_000, 4);
		expect([...readWindow(staticData).ids.keys()].sort()).toEqual(['id6', 'id7', 'id8', 'id9']);
	});

	it('reads a corrupt stored window as empty, without writing', () => {
		const staticData: Record<string, unknown> = { seenEvents: 'garbage' };
		expect(readWindow(staticData).ids.size).toBe(0);
		expect(readWindow({}).ids.size).toBe(0);
		expect(staticData).toEqual({ seenEvents: 'garbage' });
	});

	it('writes nothing when there is nothing to record', () => {
		const staticData: Record<string, unknown> = {};
		recordSeen(staticData, readWindow(staticData), [], 1_000, 60_000);
		expect(staticData).toEqual({});
	});

	it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
		'suppresses an id named %s like any other, through a JSON round trip of static data',
		(id) => {
			const staticData: Record<string, unknown> = {};
			expect(partitionSeen(readWindow(staticData), [{ ids: [id] }], ids, 1_000, 60_000).fresh).toHaveLength(1);
			recordSeen(staticData, readWindow(staticData), [id], 1_000, 60_000);
			const stored = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
			expect(Object.keys((stored.seenEvents as { ids: object }).ids)).toEqual([id]);
			const { fresh, duplicates } = partitionSeen(readWindow(stored), [{ ids: [id] }], ids, 2_000, 60_000);
			expect([fresh, duplicates]).toEqual([[], [{ ids: [id] }]]);
		},
	);
});
