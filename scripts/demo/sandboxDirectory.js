'use strict';

/**
 * The demo's sandbox org: a handful of Okta users and groups, and a Duo account that already
 * matches them (every user but the new hire, each with the devices they enrolled).
 */

const { oktaEvents } = require('./oktaDeliveries');

const GROUPS = {
	mfa: { id: '00gMFAUSERS00000001', name: 'MFA-Users' },
	vpn: { id: '00gVPNUSERS00000001', name: 'VPN-Users' },
	contractors: { id: '00gCONTRACTORS00001', name: 'Contractors' },
};

const PEOPLE = [
	{ id: '00uJDOE0000000000001', first: 'Jane', last: 'Doe', groups: ['mfa', 'vpn'], duo: 'phone' },
	{ id: '00uAKIM0000000000002', first: 'Alex', last: 'Kim', groups: ['mfa'], duo: 'phone+token' },
	{
		id: '00uPPATEL00000000003',
		first: 'Priya',
		last: 'Patel',
		groups: ['mfa', 'contractors'],
		duo: 'phone+webauthn',
	},
	{
		id: '00uCLEE00000000000004',
		first: 'Chris',
		last: 'Lee',
		groups: ['contractors'],
		duo: 'phone',
	},
	{ id: '00uSRIVERA000000005', first: 'Sam', last: 'Rivera', groups: ['mfa', 'vpn'], duo: null },
];

const loginOf = (/** @type {{ first: string, last: string }} */ person) =>
	`${person.first}.${person.last}@acme.test`.toLowerCase();

/** @param {string} id */
const user = (id) => {
	const person = PEOPLE.find((candidate) => candidate.id === id);
	if (!person) throw new Error(`No sandbox person ${id}`);
	return { id: person.id, login: loginOf(person), displayName: `${person.first} ${person.last}` };
};

const JANE = user('00uJDOE0000000000001');
const ALEX = user('00uAKIM0000000000002');
const PRIYA = user('00uPPATEL00000000003');
const CHRIS = user('00uCLEE00000000000004');
const SAM = user('00uSRIVERA000000005');

/** Options for startFakeOkta: users with full profiles, groups and memberships. */
function oktaDirectory() {
	/** @type {Record<string, string[]>} */
	const memberships = {};
	for (const person of PEOPLE) {
		for (const key of person.groups) {
			const groupId = GROUPS[/** @type {keyof typeof GROUPS} */ (key)].id;
			(memberships[groupId] ??= []).push(person.id);
		}
	}
	return {
		users: PEOPLE.map((person) => ({
			id: person.id,
			profile: {
				login: loginOf(person),
				email: loginOf(person),
				firstName: person.first,
				lastName: person.last,
			},
		})),
		groups: Object.values(GROUPS),
		memberships,
	};
}

/** Options for startFakeDuo: the account as an earlier sync left it, minus the new hire. */
function duoAccount() {
	const groupIds = Object.fromEntries(
		Object.keys(GROUPS).map((key, index) => [
			key,
			`DGSANDBOX${String(index + 1).padStart(11, '0')}`,
		]),
	);
	let serial = 0;
	const nextId = (/** @type {string} */ prefix) =>
		`${prefix}SANDBOX${String(++serial).padStart(11, '0')}`;
	return {
		groups: Object.entries(GROUPS).map(([key, group]) => ({
			group_id: groupIds[key],
			name: group.name,
			desc: `idp:okta:${group.id}`,
		})),
		users: PEOPLE.filter((person) => person.duo).map((person) => {
			const devices = String(person.duo).split('+');
			return {
				username: loginOf(person),
				realname: `${person.first} ${person.last}`,
				firstname: person.first,
				lastname: person.last,
				email: loginOf(person),
				alias1: person.id,
				groups: person.groups.map((key) => groupIds[key]),
				phones: devices.includes('phone')
					? [
							{
								phone_id: nextId('DP'),
								number: '+1555555' + String(serial).padStart(4, '0'),
								activated: true,
								platform: 'Apple iOS',
							},
						]
					: [],
				tokens: devices.includes('token')
					? [{ token_id: nextId('DH'), serial: '0042', type: 'h6' }]
					: [],
				webauthncredentials: devices.includes('webauthn')
					? [{ webauthnkey: nextId('WA'), credential_name: 'YubiKey 5', label: 'Security Key' }]
					: [],
			};
		}),
	};
}

/**
 * The sample events the demo sends, one Okta delivery each. `prepare` changes the Okta directory
 * the way the admin action behind the events would, before Okta sends them.
 * @type {Array<{ title: string, events: () => import('./oktaDeliveries').OktaLogEvent[],
 *   prepare?: (okta: import('../../sandbox/okta/server').FakeOkta) => void }>}
 */
const DEMO_EVENTS = [
	{
		title: `New hire ${SAM.login}: created in Okta and added to MFA-Users and VPN-Users`,
		events: () => [
			...oktaEvents.userCreated(SAM),
			...oktaEvents.memberAdded(SAM, GROUPS.mfa),
			...oktaEvents.memberAdded(SAM, GROUPS.vpn),
		],
	},
	{
		title: `${ALEX.login} lost a phone: an admin reset all MFA factors (Identity Engine sends one event per factor)`,
		events: () => oktaEvents.factorsReset(ALEX),
	},
	{
		title: `${PRIYA.login} became an employee: removed from Contractors, last name changed`,
		prepare: (okta) => {
			okta.setMembership(GROUPS.contractors.id, PRIYA.id, false);
			Object.assign(okta.state.users.get(PRIYA.id)?.profile ?? {}, { lastName: 'Patel-Shah' });
		},
		events: () => [
			...oktaEvents.memberRemoved(PRIYA, GROUPS.contractors),
			...oktaEvents.profileUpdated(PRIYA, ['lastName']),
		],
	},
	{
		title: `${JANE.login} went on leave: suspended in Okta`,
		prepare: (okta) => {
			const found = okta.state.users.get(JANE.id);
			if (found) found.status = 'SUSPENDED';
		},
		events: () => oktaEvents.suspended(JANE),
	},
	{
		title: `${CHRIS.login}'s contract ended: deleted in Okta`,
		prepare: (okta) => {
			okta.state.users.delete(CHRIS.id);
			okta.setMembership(GROUPS.contractors.id, CHRIS.id, false);
		},
		events: () => oktaEvents.deleted(CHRIS),
	},
];

module.exports = { DEMO_EVENTS, GROUPS, duoAccount, oktaDirectory };
