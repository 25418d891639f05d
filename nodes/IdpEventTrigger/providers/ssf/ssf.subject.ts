import type { AttributeMap, IdentityUser } from '../../../shared/model';
import type { SetClaims } from './ssf.wire';

/** The complex-subject members the receiver processes; any other member marked critical discards the event. */
export const UNDERSTOOD_MEMBERS = ['user', 'tenant'] as const;

/** What the receiver makes of a SET's subject. */
export interface SubjectReading {
	/** The user the event is about; undefined when the subject names no user (a device, a session, a stream). */
	user?: IdentityUser;
	/** The tenant member of a complex subject, as text. */
	tenant?: string;
	/** The member names of a complex subject. */
	members: string[];
	/** The subject's format, for counts of events the receiver ignores. */
	format: string;
}

type Identifier = Record<string, unknown>;

function isObject(value: unknown): value is Identifier {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The format of a Subject Identifier. Google's RISC transmitter names it `subject_type` (RISC 1.0
 * "Compatibility"); older texts spell `iss-sub` and `phone`, which are read as `iss_sub` and
 * `phone_number`.
 */
export function subjectFormat(identifier: Identifier): string | undefined {
	const format = text(identifier.format) ?? text(identifier.subject_type);
	if (format === 'iss-sub') return 'iss_sub';
	if (format === 'phone') return 'phone_number';
	return format;
}

function user(id: string, fields: Partial<IdentityUser>, attributes: AttributeMap): IdentityUser {
	return { id, ...fields, attributes };
}

/** A simple Subject Identifier (RFC 9493) as a user; undefined for formats that name no user. */
function userOf(identifier: Identifier, nested = false): IdentityUser | undefined {
	const format = subjectFormat(identifier);
	const attributes: AttributeMap = { 'subject.format': format ?? null };
	switch (format) {
		case 'email': {
			const email = text(identifier.email);
			// RFC 9493 (email canonicalization): providers differ on case, so the id is the lower-cased address.
			return email ? user(email.toLowerCase(), { login: email, email }, attributes) : undefined;
		}
		case 'iss_sub': {
			const iss = text(identifier.iss);
			const sub = text(identifier.sub);
			return iss && sub ? user(sub, {}, { ...attributes, 'subject.iss': iss }) : undefined;
		}
		case 'opaque': {
			const id = text(identifier.id);
			return id ? user(id, {}, attributes) : undefined;
		}
		case 'phone_number': {
			const phone = text(identifier.phone_number);
			return phone ? user(phone.replace(/[\s().-]/g, ''), {}, { ...attributes, 'subject.phone_number': phone }) : undefined;
		}
		case 'account': {
			const uri = text(identifier.uri);
			const account = uri?.startsWith('acct:') ? uri.slice('acct:'.length) : undefined;
			return uri && account ? user(uri, { login: account }, attributes) : undefined;
		}
		case 'aliases':
			return nested ? undefined : userOfAliases(identifier);
		default:
			return undefined;
	}
}

/**
 * Aliases (RFC 9493) name one principal several ways: the id comes from the most stable
 * identifier (`iss_sub`, then `opaque`, then the others), the login and email from an `email` alias.
 */
function userOfAliases(identifier: Identifier): IdentityUser | undefined {
	const aliases = Array.isArray(identifier.identifiers) ? identifier.identifiers.filter(isObject) : [];
	const users = aliases
		.map((alias) => ({ format: subjectFormat(alias), user: userOf(alias, true) }))
		.filter((entry): entry is { format: string; user: IdentityUser } => entry.user !== undefined);
	if (users.length === 0) return undefined;
	const rank = (format: string) => ['iss_sub', 'opaque'].indexOf(format) + 1 || 3;
	const [primary] = [...users].sort((a, b) => rank(a.format) - rank(b.format));
	const email = users.find((entry) => entry.format === 'email')?.user;
	const attributes = Object.assign({}, ...users.map((entry) => entry.user.attributes), { 'subject.format': 'aliases' });
	return {
		...primary.user,
		...(email ? { login: email.login, email: email.email } : {}),
		attributes,
	};
}

/** A tenant identifier as text: its id, sub, email, URI or URL. */
function tenantOf(identifier: Identifier): string | undefined {
	return text(identifier.id) ?? text(identifier.sub) ?? text(identifier.email) ?? text(identifier.uri) ?? text(identifier.url);
}

/**
 * Reads the subject of a SET: the top-level `sub_id` (SSF 1.0 §3.1), or, from transmitters that
 * predate SSF 1.0 and put it only in the event, the event's `subject`. A complex subject's `user`
 * member becomes the user and its `tenant` member the tenant.
 */
export function readSubject(claims: SetClaims, event: Record<string, unknown>): SubjectReading | undefined {
	const subject = isObject(claims.sub_id) ? claims.sub_id : isObject(event.subject) ? event.subject : undefined;
	if (!subject) return undefined;
	const format = subjectFormat(subject) ?? 'unknown';
	if (format !== 'complex') return { user: userOf(subject), members: [], format };
	const members = Object.keys(subject).filter((name) => name !== 'format' && name !== 'subject_type');
	const userMember = isObject(subject.user) ? userOf(subject.user) : undefined;
	const tenant = isObject(subject.tenant) ? tenantOf(subject.tenant) : undefined;
	return { user: userMember, members, format, ...(tenant ? { tenant } : {}) };
}
