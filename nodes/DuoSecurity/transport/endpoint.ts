export interface DuoEndpoint {
	/** Origin requests go to, without a trailing slash. */
	baseUrl: string;
	/** Host as signed: lower case, with the port when it is not the scheme's default. */
	signedHost: string;
}

/**
 * Reads the credential's API hostname. A bare host (`api-xxxxxxxx.duosecurity.com`) means HTTPS;
 * a value starting with `http://` or `https://` is used as the base URL as given (sandboxes and tests).
 */
export function duoEndpoint(apiHostname: string): DuoEndpoint {
	const trimmed = apiHostname.trim().replace(/\/+$/, '');
	const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
	const url = new URL(withScheme);
	return { baseUrl: url.origin, signedHost: url.host.toLowerCase() };
}
