import { partitionSeen, readWindow, recordSeen } from '../../nodes/IdpEventTrigger/pipeline/dedupe';

describe('duplicate suppression window', () => {
	const ids = (item: { ids: string[] }) => item.ids;

	it('passes unseen ids and holds back ids seen within the window', () => {
		const staticData: Record<string, unknown> = {};
		const window = readWindow(staticData);
		recordSeen(window, ['a', 'b'], 1_000, 60_000);
		const { fresh, duplicates } = partitionSeen(window, [{ ids: ['a'] }, { ids: ['c'] }, { ids: ['x', 'b'] }], ids, 2_000, 60_000);
		expect(fresh).toEqual([{ ids: ['c'] }]);
		expect(duplicates).toEqual([{ ids: ['a'] }, { ids: ['x', 'b'] }]);
		expect(staticData.seenEvents).toBe(window);
	});

	it('forgets ids once the window has passed', () => {
		const window = readWindow({});
		recordSeen(window, ['a'], 0, 60_000);
		expect(partitionSeen(window, [{ ids: ['a'] }], ids, 60_001, 60_000).fresh).toHaveLength(1);
		recordSeen(window, ['b'], 120_000, 60_000);
		expect(Object.keys(window.ids)).toEqual(['b']);
	});

	it('keeps at most the newest N ids', () => {
		const window = readWindow({});
		for (let i = 0; i < 10; i++) recordSeen(window, [`id${i}`], i, 60_000, 4);
		expect(Object.keys(window.ids).sort()).toEqual(['id6', 'id7', 'id8', 'id9']);
	});

	it('repairs a corrupt stored window', () => {
		const staticData: Record<string, unknown> = { seenEvents: 'garbage' };
		expect(readWindow(staticData)).toEqual({ ids: {} });
	});
});
