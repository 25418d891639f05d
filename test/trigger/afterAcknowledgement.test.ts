import { entraProvider } from '../../nodes/IdpEventTrigger/providers/entra';
import { oktaProvider } from '../../nodes/IdpEventTrigger/providers/okta';
import { IdentityEventSchema } from '../../nodes/shared/model';
import { entraFixture } from '../entra/support/fixtures';
import { n8nLogger } from '../harness/n8nContainer';
import { oktaFixture } from '../helpers/oktaFixtures';
import { deliverTo, triggerSource } from '../helpers/triggerSources';

/**
 * The IdP has been told the delivery was received before classification and enrichment run: a
 * throw there must not lose it.
 */
describe('work after the acknowledgement that throws', () => {
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
});
