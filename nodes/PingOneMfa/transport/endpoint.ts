/**
 * PingOne regions by top-level domain (pingone-go-sdk-v2 `pingone/model/region.go`). The token
 * host is `auth.pingone.<tld>`, the API host `api.pingone.<tld>`.
 */
export const PINGONE_REGIONS = [
	{ name: 'North America (pingone.com)', value: 'com' },
	{ name: 'Europe (pingone.eu)', value: 'eu' },
	{ name: 'Asia-Pacific (pingone.asia)', value: 'asia' },
	{ name: 'Canada (pingone.ca)', value: 'ca' },
	{ name: 'Australia (pingone.com.au)', value: 'com.au' },
	{ name: 'Singapore (pingone.sg)', value: 'sg' },
	{ name: 'Custom Base URLs', value: 'custom' },
] as const;

export type PingOneClientAuthentication = 'basic' | 'post';

export interface PingOneCredentialData {
	environmentId: string;
	region: string;
	/** Only for the custom region: the origin that serves `/<envId>/as/token`. */
	authBaseUrl?: string;
	/** Only for the custom region: the origin that serves `/v1/environments/...`. */
	apiBaseUrl?: string;
	clientId: string;
	clientSecret: string;
	/** How the client id and secret reach the token endpoint (the worker app's token auth method). */
	clientAuthentication?: PingOneClientAuthentication;
	/** The access token from the last token request; empty until preAuthentication ran. */
	accessToken?: string;
}

export interface PingOneEndpoints {
	tokenUrl: string;
	/** `<api origin>/v1/environments/<envId>`, the base every API path is relative to. */
	environmentUrl: string;
}

function baseUrl(value: string | undefined, field: string): string {
	const trimmed = (value ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+/i.test(trimmed)) {
		throw new Error(`The ${field} must start with http:// or https://`);
	}
	return trimmed;
}

export function pingOneEndpoints(credentials: PingOneCredentialData): PingOneEndpoints {
	const environmentId = encodeURIComponent((credentials.environmentId ?? '').trim());
	if (!environmentId) throw new Error('The Environment ID of the PingOne credential is empty');
	const region = (credentials.region ?? 'com').trim();
	const custom = region === 'custom';
	if (!custom && !PINGONE_REGIONS.some((entry) => entry.value === region)) {
		throw new Error(`Unknown PingOne region "${region}"`);
	}
	const authBase = custom
		? baseUrl(credentials.authBaseUrl, 'Auth Base URL')
		: `https://auth.pingone.${region}`;
	const apiBase = custom
		? baseUrl(credentials.apiBaseUrl, 'API Base URL')
		: `https://api.pingone.${region}`;
	return {
		tokenUrl: `${authBase}/${environmentId}/as/token`,
		environmentUrl: `${apiBase}/v1/environments/${environmentId}`,
	};
}
