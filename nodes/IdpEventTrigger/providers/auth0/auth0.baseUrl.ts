/** The tenant's base URL: `https://<domain>`, or the value as given when it has a scheme. */
export function auth0BaseUrl(domain: string): string {
	const trimmed = domain.trim().replace(/\/+$/, '');
	return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** The Management API audience a client-credentials token is requested for. */
export function auth0ManagementAudience(domain: string): string {
	return `${auth0BaseUrl(domain)}/api/v2/`;
}

export function isAuth0TokenRequest(url: string | undefined): boolean {
	return typeof url === 'string' && /\/oauth\/token$/.test(url.split('?')[0]);
}
