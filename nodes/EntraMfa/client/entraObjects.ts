/** The Microsoft Graph objects this node reads (only the fields it uses). */

export interface EntraUser {
	id: string;
	userPrincipalName: string;
	accountEnabled?: boolean;
	givenName?: string | null;
	surname?: string | null;
	displayName?: string | null;
	mail?: string | null;
	jobTitle?: string | null;
	department?: string | null;
	employeeId?: string | null;
	onPremisesExtensionAttributes?: Record<string, string | null> | null;
}

export interface EntraGroup {
	id: string;
	displayName: string;
	description?: string | null;
	groupTypes?: string[];
}

/** An entry of `/users/{id}/authentication/methods`. */
export interface EntraAuthenticationMethod {
	'@odata.type': string;
	id: string;
	displayName?: string | null;
	phoneType?: string | null;
	emailAddress?: string | null;
}
