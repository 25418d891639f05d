export interface RsaCredentialData {
	/** `accessID` of the Administration API key file. */
	accessId: string;
	/** `accessKey` of the key file: an RSA private key in PEM format. */
	privateKey: string;
	/** `adminRestApiUrl` of the key file, e.g. https://<tenant>.access.securid.com/AdminInterface/restapi */
	adminRestApiUrl: string;
}

/** The Admin REST API base as given (it is also the JWT audience), without trailing slashes. */
export function rsaAdminBase(adminRestApiUrl: string): string {
	const trimmed = (adminRestApiUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+/i.test(trimmed)) {
		throw new Error(
			'The Admin REST API URL of the RSA SecurID credential must start with https://',
		);
	}
	return trimmed;
}
