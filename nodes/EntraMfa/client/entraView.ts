import type { MfaDevice, MfaGroup, MfaUser } from '../../shared/mfa/port';
import type { EntraAuthenticationMethod, EntraGroup, EntraUser } from './entraObjects';

export const EXTENSION_ATTRIBUTES = Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`);

/** The user properties the node writes besides userPrincipalName (the username) and accountEnabled. */
export const ENTRA_PROFILE_FIELDS = [
	'givenName',
	'surname',
	'displayName',
	'mail',
	'jobTitle',
	'department',
	'employeeId',
	...EXTENSION_ATTRIBUTES,
] as const;

/** The properties read with every user. */
export const USER_SELECT = [
	'id',
	'userPrincipalName',
	'accountEnabled',
	'givenName',
	'surname',
	'displayName',
	'mail',
	'jobTitle',
	'department',
	'employeeId',
	'onPremisesExtensionAttributes',
].join(',');

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function mfaUserOf(user: EntraUser, anchorField: string): MfaUser {
	const extensions = user.onPremisesExtensionAttributes ?? {};
	const fields: Record<string, string> = {};
	for (const field of ENTRA_PROFILE_FIELDS) {
		fields[field] = text(field.startsWith('extensionAttribute') ? extensions[field] : user[field as keyof EntraUser]);
	}
	const anchor = anchorField === 'none' ? '' : fields[anchorField];
	const enabled = user.accountEnabled !== false;
	return {
		id: user.id,
		username: user.userPrincipalName,
		status: enabled ? 'active' : 'disabled',
		statusLabel: enabled ? 'enabled' : 'disabled',
		fields,
		aliases: anchor ? [anchor] : [],
		groups: [],
		...(user.mail ? { email: user.mail } : {}),
	};
}

/** Groups whose members the node can set: not those with dynamic membership. */
export const isManagedGroup = (group: EntraGroup) => !(group.groupTypes ?? []).includes('DynamicMembership');

export function mfaGroupOf(group: EntraGroup): MfaGroup {
	return { id: group.id, name: group.displayName, description: group.description ?? '' };
}

/**
 * The path segment of each method type under `/users/{id}/authentication/`, in the order methods
 * are removed: the ones most likely to be the user's default MFA method last, and an alternate
 * phone before the mobile phone (Entra keeps no alternateMobile without a mobile).
 */
const REMOVAL_ORDER: Array<{ type: string; segment: string; phoneType?: string }> = [
	{ type: 'emailAuthenticationMethod', segment: 'emailMethods' },
	{ type: 'temporaryAccessPassAuthenticationMethod', segment: 'temporaryAccessPassMethods' },
	{ type: 'fido2AuthenticationMethod', segment: 'fido2Methods' },
	{ type: 'windowsHelloForBusinessAuthenticationMethod', segment: 'windowsHelloForBusinessMethods' },
	{ type: 'softwareOathAuthenticationMethod', segment: 'softwareOathMethods' },
	{ type: 'phoneAuthenticationMethod', segment: 'phoneMethods', phoneType: 'office' },
	{ type: 'phoneAuthenticationMethod', segment: 'phoneMethods', phoneType: 'alternateMobile' },
	{ type: 'microsoftAuthenticatorAuthenticationMethod', segment: 'microsoftAuthenticatorMethods' },
	{ type: 'phoneAuthenticationMethod', segment: 'phoneMethods', phoneType: 'mobile' },
];

const typeOf = (method: EntraAuthenticationMethod) => method['@odata.type'].replace(/^#microsoft\.graph\./, '');

function rank(method: EntraAuthenticationMethod): number {
	return REMOVAL_ORDER.findIndex(
		(entry) => entry.type === typeOf(method) && (entry.phoneType === undefined || entry.phoneType === method.phoneType),
	);
}

/** The path segment of a device's method type. */
export function methodSegment(device: MfaDevice): string | undefined {
	return REMOVAL_ORDER.find((entry) => entry.type.replace(/AuthenticationMethod$/, '') === device.kind)?.segment;
}

/**
 * The user's methods as devices, in removal order. The password, and method types Graph v1.0 cannot
 * delete, are left out.
 */
export function devicesOf(methods: EntraAuthenticationMethod[]): MfaDevice[] {
	return methods
		.filter((method) => rank(method) >= 0)
		.sort((a, b) => rank(a) - rank(b))
		.map((method) => {
			const label = method.phoneType ?? method.displayName ?? method.emailAddress ?? undefined;
			return { kind: typeOf(method).replace(/AuthenticationMethod$/, ''), id: method.id, ...(label ? { label } : {}) };
		});
}
