import type { IDataObject } from 'n8n-workflow';

import { auth0Fixture } from '../auth0/support/fixtures';
import { entraFixture } from '../entra/support/fixtures';
import { n8nLogger } from '../harness/n8nContainer';
import { oktaFixture } from '../helpers/oktaFixtures';
import { deliverTo, triggerSource, type TriggerSource } from '../helpers/triggerSources';

type Name = TriggerSource['name'];

/** Stand for values nested too deep to serialize with JSON.stringify; see {@link withDeep}. */
const DEEP = '<deep>';
const DEEP_TOO = '<deep too>';

/** The body as JSON text, DEEP and DEEP_TOO replaced by `{"d": {"d": … }}` 20,000 objects deep (different at the bottom). */
function withDeep(body: unknown): string {
	const deep = (bottom: string) => `${'{"d":'.repeat(20_000)}${JSON.stringify(bottom)}${'}'.repeat(20_000)}`;
	return JSON.stringify(body)
		.split(JSON.stringify(DEEP))
		.join(deep('now'))
		.split(JSON.stringify(DEEP_TOO))
		.join(deep('before'));
}

const okta = (events: IDataObject[]) => ({ ...oktaFixture('user.lifecycle.create'), data: { events } });
const oktaEvent = (fields: IDataObject = {}): IDataObject => ({ ...oktaFixture('user.lifecycle.create').data.events[0], ...fields });
const auth0Log = (fields: IDataObject = {}): IDataObject => {
	const [entry] = auth0Fixture('log.ss') as IDataObject[];
	const data = { ...(entry.data as IDataObject), ...fields };
	return { log_id: data.log_id, data };
};
const cloudEvent = (fields: IDataObject = {}): IDataObject => ({ ...(auth0Fixture('event.user.created') as IDataObject), ...fields });
const notification = (fields: IDataObject = {}): IDataObject => ({ ...(entraFixture('users.deleted').value[0] as IDataObject), ...fields });

/** For each source: a delivery whose events carry the given ids, types and one value deep down. */
const builders: Record<Name, { deep(): unknown; named(id: string, types: string[]): unknown; many(count: number): unknown; login(value: string): unknown }> = {
	okta: {
		deep: () => withDeep(okta([oktaEvent({ debugContext: { debugData: { trace: DEEP } } })])),
		named: (id, types) => okta([oktaEvent({ uuid: id }), ...types.map((eventType, i) => oktaEvent({ uuid: `u${i}`, eventType }))]),
		many: (count) => okta(Array.from({ length: count }, (_, i) => oktaEvent({ uuid: `bulk-${i}` }))),
		login: (value) => {
			const event = oktaEvent();
			const [target] = event.target as IDataObject[];
			return okta([{ ...event, target: [{ ...target, alternateId: value }] }]);
		},
	},
	'auth0 logs': {
		deep: () => withDeep([auth0Log({ details: { trace: DEEP } })]),
		named: (id, types) => [auth0Log({ log_id: id }), ...types.map((type, i) => auth0Log({ log_id: `l${i}`, type }))],
		many: (count) => Array.from({ length: count }, (_, i) => auth0Log({ log_id: `bulk-${i}` })),
		login: (value) => [auth0Log({ user_name: value })],
	},
	'auth0 events': {
		deep: () => {
			const updated = auth0Fixture('event.user.updated') as { data: { object: IDataObject; previous_object: IDataObject } };
			updated.data.object.user_metadata = DEEP;
			updated.data.previous_object.user_metadata = DEEP_TOO;
			return withDeep(updated);
		},
		named: (id, types) => [cloudEvent({ id }), ...types.map((type, i) => cloudEvent({ id: `e${i}`, type }))],
		many: (count) => Array.from({ length: count }, (_, i) => cloudEvent({ id: `bulk-${i}` })),
		login: (value) => {
			const event = cloudEvent();
			const data = event.data as { object: IDataObject };
			return { ...event, data: { ...data, object: { ...data.object, email: value } } };
		},
	},
	entra: {
		deep: () => {
			const [added] = entraFixture('groups.updated.members-added').value;
			const resourceData = added.resourceData as { 'members@delta': IDataObject[] };
			const { id: _id, ...withoutId } = added;
			return withDeep({ value: [{ ...withoutId, resourceData: { ...resourceData, 'members@delta': [{ ...resourceData['members@delta'][0], trace: DEEP }] } }] });
		},
		named: (id, types) => ({
			value: [notification({ id }), ...types.map((type, i) => notification({ id: `n${i}`, resource: `${type}/x${i}`, resourceData: {} }))],
		}),
		many: (count) => ({
			value: Array.from({ length: count }, (_, i) =>
				notification({ id: `bulk-${i}`, resource: `Users/u${i}`, resourceData: { '@odata.type': '#Microsoft.Graph.User', id: `u${i}` } }),
			),
		}),
		login: (value) => ({ value: [notification({ resource: `Users/${value}`, resourceData: { '@odata.type': '#Microsoft.Graph.User', id: value } })] }),
	},
};

const NAMES: Name[] = ['okta', 'auth0 logs', 'auth0 events', 'entra'];

/** Characters that let logged text reorder or forge what an operator reads. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udfff]/;

function stringsIn(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
	else if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			out.push(key);
			stringsIn(item, out);
		}
	}
	return out;
}

describe.each(NAMES)('%s deliveries built to break the trigger', (name) => {
	const source = triggerSource(name);
	const build = builders[name];
	let logged: unknown[][];
	beforeEach(() => {
		logged = [];
		const record = (...args: unknown[]) => void logged.push(args);
		jest.spyOn(n8nLogger(), 'info').mockImplementation(record);
		jest.spyOn(n8nLogger(), 'warn').mockImplementation(record);
	});
	afterEach(() => jest.restoreAllMocks());

	const deliver = async (body: unknown, staticData: IDataObject = {}, options: IDataObject = { enrich: false }) =>
		await deliverTo(source, { parameters: { options }, staticData, request: source.request(body, source.manualSecret) });

	it('refuses a 20,000-deep body with a clear 400 and starts nothing', async () => {
		const staticData: IDataObject = {};
		const result = await deliver(build.deep(), staticData);
		expect(result.status).toBe(400);
		expect(JSON.parse(result.body).message).toMatch(/nests arrays or objects more than 64 levels deep/);
		expect([result.workflowData, result.staticDataChanged, staticData]).toEqual([undefined, false, {}]);
	});

	it('counts event types named like Object.prototype members as numbers, and suppresses an id named __proto__', async () => {
		const types = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
		const staticData: IDataObject = {};
		const first = await deliver(build.named('__proto__', types), staticData);
		const summary = JSON.parse(first.body) as IDataObject;
		expect(summary.received).toBe(5);
		expect(summary.emitted).toBe(1);
		expect(Object.values(summary.ignored as IDataObject)).toEqual([1, 1, 1, 1]);
		expect(first.workflowData?.[0].map((item) => item.json.id)).toEqual(['__proto__']);
		const again = await deliver(build.named('__proto__', types), staticData);
		expect(JSON.parse(again.body)).toMatchObject({ emitted: 0, duplicates: 1 });
		expect(again.workflowData).toBeUndefined();
		expect(({} as IDataObject).polluted).toBeUndefined();
	});

	it('refuses text that is not well-formed Unicode with a 400 that names where it is', async () => {
		const result = await deliver(build.login('jane\ud800.doe@acme.test'));
		expect(result.status).toBe(400);
		expect(JSON.parse(result.body).message).toMatch(/^The text at user\.(login|email|id) of event .* is not well-formed Unicode/);
		expect(result.workflowData).toBeUndefined();
		expect(stringsIn(logged).filter((text) => UNSAFE.test(text))).toEqual([]);
	});

	it('escapes control and bidirectional characters from the IdP in everything it logs', async () => {
		const evil = 'evil\u202eLIVE\u0007\r\nIdP Event Trigger: forged line\u2066';
		const result = await deliver(build.named('ok-1', [evil]));
		expect(result.status).toBeLessThan(300);
		const texts = stringsIn(logged);
		expect(texts.join('\n')).toContain('evil\\u202eLIVE');
		expect(texts.filter((text) => UNSAFE.test(text))).toEqual([]);
	});

	it('refuses a delivery over Max Events per Delivery with 413, whole, and accepts it when the limit allows', async () => {
		const staticData: IDataObject = {};
		const refused = await deliver(build.many(1001), staticData);
		expect(refused.status).toBe(413);
		expect(JSON.parse(refused.body).message).toBe(
			"The delivery carries 1001 events, more than this trigger's Max Events per Delivery (1000); nothing was processed",
		);
		expect([refused.workflowData, refused.staticDataChanged, staticData]).toEqual([undefined, false, {}]);
		expect(stringsIn(logged).join('\n')).toMatch(/IdP Event Trigger: The delivery carries 1001 events/);

		const atLimit = await deliver(build.many(1000), {});
		expect(atLimit.status).toBeLessThan(300);
		const raised = await deliver(build.many(1001), {}, { enrich: false, maxEventsPerDelivery: 2000 });
		expect(raised.status).toBeLessThan(300);
		expect(JSON.parse(raised.body).received).toBe(1001);
	});
});

describe('values the IdP did not send as text', () => {
	beforeEach(() => {
		jest.spyOn(n8nLogger(), 'info').mockImplementation(() => undefined);
		jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	it('ignores an Auth0 Management API log whose method or path is an object that cannot become text', async () => {
		const source = triggerSource('auth0 logs');
		const [entry] = auth0Fixture('log.sapi.block-user') as Array<{ log_id: string; data: { details: { request: IDataObject } } }>;
		const unprintable = JSON.parse('{"toString": 1, "valueOf": 2}') as IDataObject;
		const logs = [
			{ ...entry, data: { ...entry.data, details: { ...entry.data.details, request: { ...entry.data.details.request, method: unprintable } } } },
			{ ...entry, log_id: 'other', data: { ...entry.data, log_id: 'other', details: { ...entry.data.details, request: { ...entry.data.details.request, path: unprintable } } } },
		];
		const result = await deliverTo(source, { staticData: {}, request: source.request(logs, source.manualSecret) });
		expect(result.status).toBe(200);
		expect(JSON.parse(result.body)).toMatchObject({ received: 2, emitted: 0 });
	});
});
