import {
	IDENTITY_EVENT_CATALOGUE,
	IDENTITY_EVENT_TYPES,
	identityEventTypeOptions,
	parseIdentityEvent,
} from '../../nodes/shared/model';
import { triggerProperties } from '../../nodes/IdpEventTrigger/description';

const base = {
	schemaVersion: 1,
	id: 'evt-1',
	occurredAt: '2026-05-04T10:15:00.120Z',
	source: { idp: 'okta', tenant: 'acme.okta.com', eventType: 'group.user_membership.add', eventIds: ['evt-1'] },
};

describe('identity event model', () => {
	it('derives the Trigger On options from the catalogue, sorted by name', () => {
		const options = identityEventTypeOptions();
		expect(options.map((o) => o.value).sort()).toEqual([...IDENTITY_EVENT_TYPES].sort());
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		const triggerOn = triggerProperties.find((p) => p.name === 'events');
		expect(triggerOn?.options).toEqual(options);
		expect(triggerOn?.default).toEqual(IDENTITY_EVENT_TYPES);
	});

	it('has unique types and names', () => {
		expect(new Set(IDENTITY_EVENT_CATALOGUE.map((e) => e.type)).size).toBe(IDENTITY_EVENT_CATALOGUE.length);
		expect(new Set(IDENTITY_EVENT_CATALOGUE.map((e) => e.name)).size).toBe(IDENTITY_EVENT_CATALOGUE.length);
	});

	it('accepts a complete membership event and fills attribute defaults', () => {
		const result = parseIdentityEvent({ ...base, type: 'group.member_added', user: { id: '00u1' }, group: { id: '00g1', name: 'MFA' } });
		expect(result).toEqual({ ok: true, event: expect.objectContaining({ user: { id: '00u1', attributes: {} } }) });
	});

	it.each([
		['a membership event without a group', { ...base, type: 'group.member_added', user: { id: '00u1' } }, 'group: Required'],
		['an MFA reset without factors', { ...base, type: 'user.mfa_reset', user: { id: '00u1' } }, 'mfa: Required'],
		['an unknown type', { ...base, type: 'user.teleported', user: { id: '00u1' } }, "type: Invalid discriminator value"],
		['a user without an id', { ...base, type: 'user.created', user: { login: 'x' } }, 'user.id: Required'],
		['a non-ISO time', { ...base, occurredAt: 'yesterday', type: 'user.created', user: { id: '00u1' } }, 'occurredAt: Invalid datetime'],
		['an unknown IdP', { ...base, source: { ...base.source, idp: 'ldap' }, type: 'user.created', user: { id: '1' } }, 'source.idp:'],
		['nested attributes', { ...base, type: 'user.created', user: { id: '1', attributes: { a: { b: 1 } } } }, 'user.attributes.a:'],
	])('rejects %s with the path of the problem', (_label, value, message) => {
		const result = parseIdentityEvent(value);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain(message);
	});
});
