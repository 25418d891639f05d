import { createProgress } from '../../scripts/demo/progress';

function capture() {
	const lines: string[] = [];
	return { lines, write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) };
}

describe('demo progress', () => {
	it('prints one line per stage off a terminal, with the label the result gives', async () => {
		const out = capture();
		const progress = createProgress({ total: 2, write: out.write, isTTY: false, width: 20 });
		await progress.run({ label: 'Built' }, async () => 1);
		await progress.run({ label: 'n8n ready', doneLabel: (v: string) => `n8n ${v} ready` }, async () => '2.41.1');
		expect(out.lines).toHaveLength(2);
		expect(out.lines[0]).toMatch(/^\[1\/2\] Built \.+ \d+\.\d s$/);
		expect(out.lines[1]).toMatch(/^\[2\/2\] n8n 2\.41\.1 ready \.+ /);
	});

	it('announces a slow stage once before it runs, and marks a failed stage', async () => {
		const out = capture();
		const progress = createProgress({ total: 1, write: out.write, isTTY: false });
		await expect(
			progress.run({ label: 'Install', slow: 'first run only: minutes' }, async () => {
				throw new Error('offline');
			}),
		).rejects.toThrow('offline');
		expect(out.lines).toEqual([
			'[1/1] Install: first run only: minutes',
			expect.stringMatching(/^\[1\/1\] Install: failed \.+ /),
		]);
	});
});
