import { auth0BaseUrl, auth0ManagementAudience } from '../../IdpEventTrigger/providers/auth0/auth0.baseUrl';

export interface Auth0MfaCredentialData {
	domain: string;
	clientId: string;
	clientSecret: string;
	/** The Management API token from the last token request; empty until preAuthentication ran. */
	accessToken?: string;
}

export interface Auth0Endpoints {
	tokenUrl: string;
	/** `https://<domain>/api/v2`, the base every API path is relative to. */
	apiBaseUrl: string;
	audience: string;
	/** The tenant's host, e.g. `acme.us.auth0.com`. */
	host: string;
}

export function auth0Endpoints(credentials: Pick<Auth0MfaCredentialData, 'domain'>): Auth0Endpoints {
	const domain = (credentials.domain ?? '').trim();
	if (!domain) throw new Error('The Domain of the Auth0 credential is empty');
	const base = auth0BaseUrl(domain);
	return { tokenUrl: `${base}/oauth/token`, apiBaseUrl: `${base}/api/v2`, audience: auth0ManagementAudience(domain), host: new URL(base).host };
}
