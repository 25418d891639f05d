import type { IdentityEvent } from '../../nodes/shared/model';

export function sampleEvent(overrides: Partial<Record<string, unknown>> = {}): IdentityEvent {
	return {
		schemaVersion: 1,
		id: 'evt-1',
		type: 'group.member_added',
		occurredAt: '2026-05-04T10:15:00.120Z',
		source: { idp: 'okta', tenant: 'acme.okta.com', eventType: 'group.user_membership.add', eventIds: ['evt-1'] },
		actor: { id: '00uADMIN', login: 'it.admin@acme.test' },
		user: {
			id: '00uJDOE0000000000001',
			login: 'jane.doe@acme.test',
			email: 'jane@acme.test',
			givenName: 'Zoë',
			familyName: "O'Brien-Åström",
			displayName: "Zoë O'Brien-Åström",
			status: 'active',
			groups: [{ id: '00g1', name: 'mfa-engineering' }, { id: '00g2', name: 'Everyone' }, { id: '00g3', name: 'mfa-legacy' }],
			attributes: { department: 'Engineering', mobilePhone: '', primaryPhone: '+15555550100', 'address.city': 'Zürich', userType: 'Employee' },
		},
		group: { id: '00g1', name: 'mfa-engineering' },
		...overrides,
	} as IdentityEvent;
}
