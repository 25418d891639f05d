import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateStandardMix } = require('../../bench/mix/standardMix');

const SHARED = join(__dirname, '..', '..', '..', 'shared', 'bench', 'okta-duo-mix.mjs');

describe('the standard Okta → Duo workload', () => {
	it.each<Record<string, number>>([{}, { users: 300, groups: 40, events: 700, seed: 7 }])(
		'is the same workload as the reference generator beside the repository, where there is one (%j)',
		(params: Record<string, number>) => {
			const ours = generateStandardMix(params);
			expect(generateStandardMix(params)).toEqual(ours);
			expect(ours.deliveries.flatMap((d: { data: { events: unknown[] } }) => d.data.events)).toHaveLength(ours.lowerBound.events);
			if (!existsSync(SHARED)) return;
			const args = Object.entries(params).flatMap(([key, value]) => [`--${key}`, String(value)]);
			const reference = JSON.parse(execFileSync(process.execPath, [SHARED, ...args], { maxBuffer: 1 << 30 }).toString('utf8'));
			expect(ours.lowerBound).toEqual(reference.lowerBound);
			expect(ours.params).toEqual(reference.params);
			expect([ours.okta.users.length, ours.duo.users.length, ours.deliveries.length]).toEqual([
				reference.okta.users.length,
				reference.duo.users.length,
				reference.deliveries.length,
			]);
			expect(JSON.stringify(ours)).toBe(JSON.stringify(reference));
		},
	);
});
