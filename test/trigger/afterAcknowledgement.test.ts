import { entraProvider } from '../../nodes/IdpEventTrigger/providers/entra';
import { oktaProvider } from '../../nodes/IdpEventTrigger/providers/okta';
import { IdentityEventSchema } from '../../nodes/shared/model';
import { startFakeOkta } from '../../sandbox/okta/server';
import { entraFixture } from '../entra/support/fixtures';
import { n8nLogger } from '../harness/n8nContainer';
import { oktaFixture } from '../helpers/oktaFixtures';
import { deliverTo, triggerSource } from '../helpers/triggerSources';

/**
 * The IdP has been told the delivery was received before classification and enrichment run: a
 * throw there must not lose it.
 */
describe('work after the acknowledgement', () => {
	let warn: jest.SpyInstance;
	beforeEach(() => {
		jest.spyOn(n8nLogger(), 'info').mockImplementation(() => undefined);
		warn = jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	it('still emits the events when enrichment throws, marked failed with the message, and logs it', async () => {
		jest.spyOn(oktaProvider, 'enrich').mockRejectedValue(new Error('profile store exploded'));
		const okta = triggerSource('okta');
		const staticData = {};
		const result = await deliverTo(okta, {
			parameters: { options: {} },
			staticData,
			request: okta.request(oktaFixture('group.user_membership.add'), okta.manualSecret),
		});
		expect(result.status).toBe(200);
		const items = (result.workflowData?.[0] ?? []).map((item) => IdentityEventSchema.parse(item.json));
		expect(items).toMatchObject([
			{
				type: 'group.member_added',
				enrichment: {
					status: 'failed',
					message: 'Enrichment failed after the delivery was acknowledged: profile store exploded',
				},
			},
		]);
		expect(warn.mock.calls.map(([message]) => message)).toContain(
			'IdP Event Trigger: Enrichment failed after the delivery was acknowledged: profile store exploded',
		);
		expect(staticData).toHaveProperty('seenEvents');
	});

	it('still emits what is certain when classification throws: the user update, not the unclassified group change', async () => {
		jest.spyOn(entraProvider, 'afterAcknowledge').mockRejectedValue(new Error('directory unreachable'));
		const entra = triggerSource('entra');
		const value = [
			...entraFixture('users.updated').value,
			...entraFixture('groups.updated').value,
			...entraFixture('groups.updated.members-added').value,
		];
		const result = await deliverTo(entra, {
			staticData: {},
			request: entra.request({ value }, entra.manualSecret),
		});
		expect(result.status).toBe(202);
		const items = (result.workflowData?.[0] ?? []).map((item) => IdentityEventSchema.parse(item.json));
		expect(items.map((event) => [event.type, event.source.eventType])).toEqual([
			['user.updated', 'users:updated'],
			['group.member_added', 'groups:updated:member_added'],
			['group.member_added', 'groups:updated:member_added'],
		]);
		for (const event of items) {
			expect(event.enrichment).toEqual({
				status: 'failed',
				message: 'Classifying the delivery failed after it was acknowledged: directory unreachable',
			});
		}
	});

	it("replaces text the IdP's API returned that is not well-formed Unicode, and says so on the event", async () => {
		const delivery = oktaFixture('user.lifecycle.create');
		const userId = delivery.data.events[0].target[0].id as string;
		const okta = await startFakeOkta({ users: [{ id: userId, profile: { login: 'jane.doe@acme.test', firstName: 'Ja\ud800ne' } }] });
		try {
			const source = triggerSource('okta');
			const result = await deliverTo(source, {
				parameters: { options: {} },
				credentials: { ...source.credentials(okta.url), apiToken: okta.apiToken },
				staticData: {},
				request: source.request(delivery, source.manualSecret),
			});
			const [event] = (result.workflowData?.[0] ?? []).map((item) => IdentityEventSchema.parse(item.json));
			expect(event.type === 'user.created' && event.user.givenName).toBe('Ja\ufffdne');
			expect(event.enrichment).toEqual({
				status: 'failed',
				message: expect.stringMatching(
					/^The identity provider returned text at user\.(givenName|displayName|attributes\.firstName) that is not well-formed Unicode; lone surrogates were replaced with U\+FFFD$/,
				),
			});
			expect(() => encodeURIComponent(JSON.stringify(event))).not.toThrow();
		} finally {
			await okta.close();
		}
	});
});
