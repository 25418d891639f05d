/** The Auth0 Management API objects this node reads (only the fields it uses). */

export interface Auth0User {
	user_id: string;
	email?: string;
	name?: string;
	given_name?: string;
	family_name?: string;
	nickname?: string;
	blocked?: boolean;
	app_metadata?: Record<string, unknown>;
}

export interface Auth0Role {
	id: string;
	name: string;
	description?: string | null;
}

/** An entry of `/users/{id}/authentication-methods`. */
export interface Auth0AuthenticationMethod {
	id: string;
	type: string;
	name?: string;
	phone_number?: string;
	email?: string;
}
