import { flattenAttributes } from '../../nodes/IdpEventTrigger/providers/attributes';

describe('flattenAttributes', () => {
	it('flattens nested profiles into dotted keys, in order, keeping arrays of scalars', () => {
		expect(
			Object.entries(flattenAttributes({ login: 'jane', address: { city: 'Oslo', geo: { lat: 59.9 } }, tags: ['a', { no: 1 }, 2], gone: undefined, nil: null })),
		).toEqual([
			['login', 'jane'],
			['address.city', 'Oslo'],
			['address.geo.lat', 59.9],
			['tags', ['a', 2]],
			['nil', null],
		]);
	});

	it('keeps keys such as __proto__ and constructor as plain attributes', () => {
		const profile = JSON.parse('{"__proto__": "x", "constructor": "y", "meta": {"__proto__": {"polluted": true}}}') as Record<string, unknown>;
		const attributes = flattenAttributes(profile);
		expect(Object.keys(attributes)).toEqual(['__proto__', 'constructor', 'meta.__proto__.polluted']);
		expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(JSON.parse(JSON.stringify(attributes))).toEqual({ constructor: 'y', 'meta.__proto__.polluted': true, ['__proto__']: 'x' });
	});

	it('stops at a bounded depth instead of overflowing the stack', () => {
		let deep: Record<string, unknown> = { leaf: 'end' };
		for (let i = 0; i < 20_000; i++) deep = { d: deep };
		const attributes = flattenAttributes({ top: 1, deep });
		expect(attributes.top).toBe(1);
		expect(Object.keys(attributes)).toEqual(['top']);
	});
});
