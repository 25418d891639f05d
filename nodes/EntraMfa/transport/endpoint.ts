import { entraEndpoints, type EntraEndpoints } from '../../IdpEventTrigger/providers/entra/entra.urls';

export interface EntraMfaCredentialData {
	tenantId: string;
	clientId: string;
	clientSecret: string;
	graphBaseUrl?: string;
	loginBaseUrl?: string;
	/** The app-only Graph token from the last token request; empty until preAuthentication ran. */
	accessToken?: string;
}

/** The Graph base URL, token URL and `.default` scope of the credential's cloud. */
export function entraMfaEndpoints(credentials: EntraMfaCredentialData): EntraEndpoints {
	if (!(credentials.tenantId ?? '').trim()) throw new Error('The Tenant ID of the Microsoft Entra ID credential is empty');
	return entraEndpoints(credentials);
}
