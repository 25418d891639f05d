export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
export const DEFAULT_LOGIN_BASE_URL = 'https://login.microsoftonline.com';

export interface EntraEndpoints {
	graphBaseUrl: string;
	tokenUrl: string;
	/** `<Graph origin>/.default`: every application permission granted to the app. */
	scope: string;
}

function trimSlashes(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

export function entraEndpoints(credentials: {
	tenantId: string;
	graphBaseUrl?: string;
	loginBaseUrl?: string;
}): EntraEndpoints {
	const graphBaseUrl = trimSlashes(credentials.graphBaseUrl || DEFAULT_GRAPH_BASE_URL);
	const login = trimSlashes(credentials.loginBaseUrl || DEFAULT_LOGIN_BASE_URL);
	return {
		graphBaseUrl,
		tokenUrl: `${login}/${encodeURIComponent(credentials.tenantId.trim())}/oauth2/v2.0/token`,
		scope: `${new URL(graphBaseUrl).origin}/.default`,
	};
}

export function isEntraTokenRequest(url: string | undefined): boolean {
	return typeof url === 'string' && /\/oauth2\/v2\.0\/token$/.test(url.split('?')[0]);
}
