import type { IDataObject } from 'n8n-workflow';

import { auth0Fixture } from '../auth0/support/fixtures';
import { entraFixture } from '../entra/support/fixtures';
import { n8nLogger } from '../harness/n8nContainer';
import { oktaFixture } from '../helpers/oktaFixtures';
import { deliverTo, triggerSource, type TriggerSource } from '../helpers/triggerSources';

const SECRET = 'SECRET-VALUE-7f3a';
const KEPT = 'KEPT-VALUE-7f3a';

/** Members that carry credentials, at several depths, next to one that does not. */
const withSecrets = (item: IDataObject): IDataObject => ({
	...item,
	authorization: SECRET,
	keptNote: KEPT,
	extra: { client_secret: SECRET, httpAuthorization: `Bearer ${SECRET}`, list: [{ password: SECRET, keptNote: KEPT }] },
});

const cases: Array<[TriggerSource['name'], () => unknown]> = [
	[
		'okta',
		() => {
			const delivery = oktaFixture('group.user_membership.add');
			delivery.data.events = delivery.data.events.map(withSecrets);
			return delivery;
		},
	],
	[
		'auth0 logs',
		() =>
			(auth0Fixture('log.sapi.block-user-with-profile') as IDataObject[]).map((entry) => ({
				...entry,
				data: withSecrets(entry.data as IDataObject),
			})),
	],
	['auth0 events', () => withSecrets(auth0Fixture('event.user.created') as IDataObject)],
	['entra', () => ({ value: (entraFixture('users.deleted').value as IDataObject[]).map(withSecrets) })],
];

describe('Include Raw Event keeps no secret in execution data', () => {
	beforeEach(() => {
		jest.spyOn(n8nLogger(), 'info').mockImplementation(() => undefined);
		jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	it.each(cases)('%s: raw carries the original event without the members that hold secrets', async (name, body) => {
		const source = triggerSource(name);
		const result = await deliverTo(source, {
			parameters: { options: { enrich: false, includeRaw: true } },
			staticData: {},
			request: source.request(body(), source.manualSecret),
		});
		const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
		expect(items.length).toBeGreaterThan(0);
		const text = JSON.stringify(items);
		expect(items.every((item) => item.raw !== undefined)).toBe(true);
		expect(text).toContain(KEPT);
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(source.manualSecret);
		expect(text).not.toMatch(/clientState|client_secret|httpAuthorization|password|"authorization"/);
	});
});
