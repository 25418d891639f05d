import type { INodeCredentialDescription, INodeTypeDescription } from 'n8n-workflow';

import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { OKTA_EVENT_MAP } from '../../nodes/IdpEventTrigger/providers/okta/okta.eventMap';
import { SSF_EVENT_MAP, ssfEventUri } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.eventMap';
import { IDENTITY_EVENT_CATALOGUE } from '../../nodes/shared/model';
import { mainAuthField, parametersHiddenAsAuth } from '../helpers/editorAuthFields';
import { shownCredentials, subtitleOf } from '../helpers/nodeUi';

const trigger = new IdpEventTrigger();
const { description } = trigger;

/** The same credentials written as show rules: the values of `provider` each is shown for. */
function asShowRules(nodeType: INodeTypeDescription): INodeTypeDescription {
	const providers = ['auth0', 'entra', 'okta', 'ssf'];
	const credentials: INodeCredentialDescription[] = (nodeType.credentials ?? []).map((credential) => ({
		name: credential.name,
		displayOptions: {
			show: {
				provider: providers.filter((provider) => shownCredentials(trigger, { provider, ssfDirectory: 'okta' }).includes(credential.name)),
			},
		},
	}));
	return { ...nodeType, credentials };
}

describe('IdP Event Trigger description', () => {
	it('keeps the Identity Provider selector a visible first parameter in n8n 2.41 editor', () => {
		expect(description.properties[0]).toMatchObject({ name: 'provider', displayName: 'Identity Provider' });
		expect(mainAuthField(description)).toBeNull();
		expect(parametersHiddenAsAuth(description)).toEqual([]);
		// Written as show rules, the same credentials make the editor take the selector for an
		// authentication field and drop it from the panel (what users met before).
		expect(mainAuthField(asShowRules(description))?.name).toBe('provider');
		expect(parametersHiddenAsAuth(asShowRules(description)).map((p) => p.name)).toEqual(['provider']);
	});

	it.each([
		[{ provider: 'okta' }, ['oktaIdpApi']],
		[{ provider: 'auth0' }, ['auth0IdpApi']],
		[{ provider: 'entra' }, ['entraIdpApi']],
		[{ provider: 'ssf' }, ['ssfTransmitterApi']],
		[{ provider: 'ssf', ssfDirectory: 'none' }, ['ssfTransmitterApi']],
		[{ provider: 'ssf', ssfDirectory: 'okta' }, ['oktaIdpApi', 'ssfTransmitterApi']],
		[{ provider: 'ssf', ssfDirectory: 'auth0' }, ['auth0IdpApi', 'ssfTransmitterApi']],
		[{ provider: 'ssf', ssfDirectory: 'entra' }, ['entraIdpApi', 'ssfTransmitterApi']],
		// A stored workflow whose provider was left at the default.
		[{}, ['oktaIdpApi']],
	])('offers only the credentials of %j', (parameters, expected) => {
		expect(shownCredentials(trigger, parameters).sort()).toEqual(expected);
	});

	it('lists the Okta event types behind each event in the manual registration notice', () => {
		const notice = description.properties.find((p) => p.name === 'manualNoticeOkta')!;
		expect(notice.displayName).not.toContain('README');
		for (const [oktaType, eventType] of Object.entries(OKTA_EVENT_MAP)) {
			const name = IDENTITY_EVENT_CATALOGUE.find((entry) => entry.type === eventType)!.name;
			expect(notice.displayName).toMatch(new RegExp(`<li>${name}: [^<]*\\b${oktaType.replace(/\./g, '\\.')}\\b`));
		}
		expect(notice.displayName).toContain(
			'<li>User Reactivated: user.lifecycle.unsuspend, user.lifecycle.activate, user.lifecycle.reactivate</li>',
		);
		// Events Okta cannot deliver are not listed.
		expect(notice.displayName).not.toContain('Events Missed');
	});

	it('lists the CAEP and RISC event types behind each event in the manual Shared Signals notice', () => {
		const notice = description.properties.find((p) => p.name === 'manualNoticeSsf')!;
		expect(notice.displayName).not.toContain('README');
		for (const key of Object.keys(SSF_EVENT_MAP)) expect(notice.displayName).toContain(ssfEventUri(key));
	});

	it('names its trigger actions in words for the node panel', () => {
		const events = description.properties.find((p) => p.name === 'events')!;
		const actions = (events.options as Array<{ action?: string }>).map((option) => option.action);
		expect(actions).toContain('On user MFA reset');
		expect(actions).toContain('On group member added');
		expect(actions).toContain('On events missed');
	});

	it('tells the trigger panel where events come from, not "IdP Event"', () => {
		const panel = description.triggerPanel as { header: string; executionsHelp: Record<string, string> };
		expect(panel.header).toBe('Pull in events from your identity provider');
		expect(JSON.stringify(panel)).not.toContain('IdP Event');
	});

	it.each([
		[{ provider: 'okta' }, 'Okta: all events'],
		[{ provider: 'entra', events: ['user.created', 'user.deleted'] }, 'Microsoft Entra ID: 2 events'],
		[{ provider: 'ssf', events: ['user.mfa_reset'] }, 'Shared Signals (SSF): 1 event'],
	])('shows a subtitle in words for %j', (parameters, expected) => {
		expect(subtitleOf(trigger, parameters)).toBe(expected);
	});
});
