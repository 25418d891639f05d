import type { AttributeMap, GroupRef, IdentityUser } from '../../../shared/model';

/** The user properties the trigger reads: identity, status, and a few common attributes. */
export const GRAPH_USER_SELECT = [
	'id',
	'userPrincipalName',
	'mail',
	'givenName',
	'surname',
	'displayName',
	'accountEnabled',
	'createdDateTime',
	'jobTitle',
	'department',
	'mobilePhone',
	'employeeId',
	'onPremisesSamAccountName',
].join(',');

export const GRAPH_GROUP_SELECT = 'id,displayName,createdDateTime';

export interface GraphUser {
	id: string;
	userPrincipalName?: string | null;
	mail?: string | null;
	givenName?: string | null;
	surname?: string | null;
	displayName?: string | null;
	accountEnabled?: boolean | null;
	createdDateTime?: string | null;
	[property: string]: unknown;
}

export interface GraphGroup {
	id: string;
	displayName?: string | null;
	createdDateTime?: string | null;
}

const IDENTITY_PROPERTIES = new Set([
	'id',
	'userPrincipalName',
	'mail',
	'givenName',
	'surname',
	'displayName',
	'accountEnabled',
]);

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function identityUserFromGraph(user: GraphUser, groups?: GraphGroup[]): IdentityUser {
	const attributes: AttributeMap = {};
	for (const [key, value] of Object.entries(user)) {
		if (IDENTITY_PROPERTIES.has(key) || key.startsWith('@odata')) continue;
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
			attributes[key] = value as string | number | boolean | null;
		}
	}
	const groupRefs: GroupRef[] | undefined = groups?.map((group) => ({
		id: group.id,
		...(text(group.displayName) ? { name: text(group.displayName) } : {}),
	}));
	const identity: IdentityUser = {
		id: user.id,
		login: text(user.userPrincipalName),
		email: text(user.mail),
		givenName: text(user.givenName),
		familyName: text(user.surname),
		displayName: text(user.displayName),
		status:
			user.accountEnabled === false
				? 'suspended'
				: user.accountEnabled === true
					? 'active'
					: 'unknown',
		...(groupRefs ? { groups: groupRefs } : {}),
		attributes,
	};
	return Object.fromEntries(
		Object.entries(identity).filter(([, v]) => v !== undefined),
	) as IdentityUser;
}
