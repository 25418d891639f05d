import { anyOf, filterBatches, filterValue } from '../../../nodes/PingOneMfa/client/scimFilter';

describe('SCIM filters for PingOne lookups', () => {
	it('quotes values, escaping quotes and backslashes', () => {
		expect(filterValue('plain')).toBe('"plain"');
		expect(filterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
		expect(anyOf('email', ['a@x.io', 'b@x.io'])).toBe('email eq "a@x.io" or email eq "b@x.io"');
	});

	it('batches by term count and filter length, dropping empty values and case duplicates', () => {
		expect(
			filterBatches('username', ['a', 'B', 'b', '', 'c'], { maxTerms: 2, maxFilterLength: 1000 }),
		).toEqual([['a', 'B'], ['c']]);
		const long = filterBatches('username', ['aaaa', 'bbbb', 'cccc'], {
			maxTerms: 10,
			maxFilterLength: 40,
		});
		expect(long).toEqual([['aaaa', 'bbbb'], ['cccc']]);
		expect(anyOf('username', long[0]).length).toBeLessThanOrEqual(40);
	});
});
