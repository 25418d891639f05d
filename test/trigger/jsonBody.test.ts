import { MAX_JSON_DEPTH, jsonNestingExceeds, refuseDeepJson } from '../../nodes/IdpEventTrigger/pipeline/jsonBody';

describe('JSON nesting depth, measured without parsing', () => {
	const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

	it('counts arrays and objects, not brackets inside strings or after escapes', () => {
		expect(jsonNestingExceeds(nested(64), 64)).toBe(false);
		expect(jsonNestingExceeds(nested(65), 64)).toBe(true);
		expect(jsonNestingExceeds(`{"a":"${'['.repeat(100)}","b":"\\"${'{'.repeat(100)}"}`, 2)).toBe(false);
		expect(jsonNestingExceeds('[{"a":[{}]},{"b":[]}]', 4)).toBe(false);
		expect(jsonNestingExceeds('[{"a":[{}]},{"b":[]}]', 3)).toBe(true);
	});

	it('measures a body of any depth, and refuses one past the limit with a clear message', () => {
		expect(jsonNestingExceeds(nested(1_000_000), MAX_JSON_DEPTH)).toBe(true);
		expect(refuseDeepJson(nested(200))).toEqual({
			ok: false,
			message: 'The request body nests arrays or objects more than 64 levels deep; identity providers never send that',
		});
		expect(refuseDeepJson(nested(10))).toBeUndefined();
	});
});
