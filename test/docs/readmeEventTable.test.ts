import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { replaceEventTable } from '../../scripts/docs/eventTable';

describe('README event catalogue', () => {
	it('is exactly what the model and adapters generate (run `npm run docs` after changing them)', () => {
		const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
		expect(replaceEventTable(readme)).toBe(readme);
	});
});
