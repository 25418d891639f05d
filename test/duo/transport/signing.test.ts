import {
	canonParams,
	canonicalizeV2,
	encodeRfc3986,
	hmacHex,
	signV2,
	signV5,
} from '../../../nodes/DuoSecurity/transport/signing';
import { duoEndpoint } from '../../../nodes/DuoSecurity/transport/endpoint';
import { signHttpRequest } from '../../../nodes/DuoSecurity/transport/signedRequest';

// Official vectors: duo_api_nodejs tests/duo_sig.js and duo_client_python tests/test_client.py
// (reference/providers.md E.1).
const VECTOR = {
	ikey: 'test_ikey',
	skey: 'test_skey',
	date: 'Tue, 21 Aug 2012 17:29:18 -0000',
	method: 'POST',
	host: 'test.duosecurity.com',
	path: '/test/v1',
};

describe('Duo request signing', () => {
	it('builds the documented v2 canonical string', () => {
		expect(
			canonicalizeV2({ ...VECTOR, params: { username: 'root', realname: 'First Last' } }),
		).toBe(
			'Tue, 21 Aug 2012 17:29:18 -0000\nPOST\ntest.duosecurity.com\n/test/v1\nrealname=First%20Last&username=root',
		);
	});

	it('matches the v2 HMAC-SHA512 vector', () => {
		expect(signV2({ ...VECTOR, params: { realname: 'First Last', username: 'root' } })).toBe(
			'Basic dGVzdF9pa2V5OjA0MmEzMGM2ODJiZDgzNmZjNWJhNDY3ODkxYTk1NmVhYTEwMDkxY2EwZjczYTdmYjM5NmFlZmQ1NmEzNTI5ZTU2OTMyZGVhNDI3YTY3MjEzYWY2NjRiYTY4NDE2ODlmZjIzMzZiN2EzNzM3NjZlYTVhYjdhYjlmZTI2MzgyMjZi',
		);
	});

	it('matches the v2 HMAC-SHA1 vector', () => {
		const header = signV2(
			{ ...VECTOR, params: { realname: 'First Last', username: 'root' } },
			'sha1',
		);
		expect(Buffer.from(header.slice('Basic '.length), 'base64').toString()).toBe(
			'test_ikey:7db13501cda6278f27987468405fe8be61b5e3e3',
		);
	});

	it('matches the unicode HMAC-SHA1 vector of the Python client', () => {
		const canonical = canonicalizeV2({
			date: 'Fri, 07 Dec 2012 17:18:00 -0000',
			host: 'foO.BAr52.cOm',
			method: 'PoSt',
			path: '/Foo/BaR2/qux',
			params: {
				'\u469a\u287b\u35d0\u8ef3\u6727\u502a\u0810\ud091\xc8\uc170':
					'\u0f45\u1a76\u341a\u654c\uc23f\u9b09\uabe2\u8343\u1b27\u60d0',
				'\u7449\u7e4b\uccfb\u59ff\ufe5f\u83b7\uadcc\u900c\ucfd1\u7813':
					'\u8db7\u5022\u92d3\u42ef\u207d\u8730\uacfe\u5617\u0946\u4e30',
				'\u7470\u9314\u901c\u9eae\u40d8\u4201\u82d8\u8c70\u1d31\ua042':
					'\u17d9\u0ba8\u9358\uaadf\ua42a\u48be\ufb96\u6fe9\ub7ff\u32f3',
				'\uc2c5\u2c1d\u2620\u3617\u96b3F\u8605\u20e8\uac21\u5934':
					'\ufba9\u41aa\ubd83\u840b\u2615\u3e6e\u652d\ua8b5\ud56bU',
			},
		});
		expect(hmacHex('gtdfxv9YgVBYcF6dl2Eq17KUQJN2PLM2ODVTkvoT', canonical, 'sha1')).toBe(
			'f01811cbbf9561623ab45b893096267fd46a5178',
		);
	});

	it('matches the v5 vector for a JSON body', () => {
		expect(
			signV5({ ...VECTOR, params: {}, body: '{"realname":"First Last","username":"root"}' }),
		).toBe(
			'Basic dGVzdF9pa2V5OjdkMDI0MDlhMTUyNzY0ODQzY2NjZDgyODRkYTE1M2IzZmI0NDZiYWFkNWY5OTg4ODYzMjVlMjRiYzljZDRhMjQ0ZGU4NWFkNGJmYTdlYTI4NWQ2ODIwOWYxNjA4MzU2NzNkOGI0ZjFlMWIyM2Q5Y2Q1MjFkMjZiZmU3ZjM2NmE0',
		);
	});

	it('encodes RFC 3986 reserved characters, spaces as %20, and sorts keys by code unit', () => {
		expect(encodeRfc3986("a b!'()*~._-")).toBe('a%20b%21%27%28%29%2A~._-');
		expect(canonParams({ foo_bar: '2', foo: '1', Zed: 'é', list: ['b', 'a'] })).toBe(
			'Zed=%C3%A9&foo=1&foo_bar=2&list=a&list=b',
		);
		expect(canonParams({})).toBe('');
	});
});

describe('Duo API hostname', () => {
	it('signs a bare hostname as HTTPS and a full URL as host:port', () => {
		expect(duoEndpoint('API-abcd1234.duosecurity.com')).toEqual({
			baseUrl: 'https://api-abcd1234.duosecurity.com',
			signedHost: 'api-abcd1234.duosecurity.com',
		});
		expect(duoEndpoint('http://127.0.0.1:4567/')).toEqual({
			baseUrl: 'http://127.0.0.1:4567',
			signedHost: '127.0.0.1:4567',
		});
	});
});

describe('signHttpRequest', () => {
	const credentials = {
		integrationKey: 'DIKEY',
		secretKey: 'secret',
		apiHostname: 'http://127.0.0.1:4567',
	};
	const now = new Date('2026-05-04T10:15:00Z');

	it('puts GET params in the query string exactly as signed', () => {
		const signed = signHttpRequest(
			credentials,
			{ method: 'GET', url: '/admin/v1/users', qs: { username_list: '["a b","c"]', limit: 100 } },
			now,
		);
		expect(signed.url).toBe(
			'http://127.0.0.1:4567/admin/v1/users?limit=100&username_list=%5B%22a%20b%22%2C%22c%22%5D',
		);
		expect(signed.qs).toBeUndefined();
		expect(signed.headers?.Date).toBe('Mon, 04 May 2026 10:15:00 GMT');
		expect(signed.headers?.Authorization).toBe(
			signV2({
				ikey: 'DIKEY',
				skey: 'secret',
				date: 'Mon, 04 May 2026 10:15:00 GMT',
				method: 'GET',
				host: '127.0.0.1:4567',
				path: '/admin/v1/users',
				params: { username_list: '["a b","c"]', limit: '100' },
			}),
		);
	});

	it('form-encodes POST params and never places the secret key in the request', () => {
		const signed = signHttpRequest(
			credentials,
			{ method: 'POST', url: '/admin/v1/users', body: { username: 'jane', realname: 'Jane Doe' } },
			now,
		);
		expect(signed.url).toBe('http://127.0.0.1:4567/admin/v1/users');
		expect(signed.body).toBe('realname=Jane%20Doe&username=jane');
		expect(signed.headers?.['Content-Type']).toBe('application/x-www-form-urlencoded');
		expect(JSON.stringify(signed)).not.toContain('secret');
	});
});
