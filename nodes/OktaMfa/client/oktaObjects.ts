/** The Okta Management API objects this node reads (only the fields it uses). */

export interface OktaUser {
	id: string;
	status: string;
	profile: Record<string, unknown> & { login: string; email?: string };
	credentials?: { provider?: { type?: string; name?: string }; password?: unknown };
}

export interface OktaGroup {
	id: string;
	/** `OKTA_GROUP` (managed in Okta), `APP_GROUP` (imported) or `BUILT_IN` (Everyone). */
	type: string;
	profile: { name: string; description?: string | null };
}

/** A Classic factor (`/users/{id}/factors`). */
export interface OktaFactor {
	id: string;
	factorType: string;
	provider?: string;
	vendorName?: string;
	status?: string;
}

/** An Identity Engine authenticator enrollment (`/users/{id}/authenticator-enrollments`). */
export interface OktaAuthenticatorEnrollment {
	id: string;
	type: string;
	key?: string;
	name?: string;
	status?: string;
}
