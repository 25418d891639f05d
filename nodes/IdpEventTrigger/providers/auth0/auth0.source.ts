import type { SourceAdapter } from '../../pipeline/sourceAdapter';
import { normalizeAuth0Delivery } from './auth0.normalize';
import { parseAuth0Delivery } from './auth0.parse';
import { verifyAuth0Request } from './auth0.verify';
import type { Auth0Delivery } from './auth0.wire';

/** Auth0 verifies no endpoint before sending, so there is no handshake. */
export const auth0Source: SourceAdapter<Auth0Delivery> = {
	handshake: () => undefined,
	verify: verifyAuth0Request,
	parse: parseAuth0Delivery,
	normalize: normalizeAuth0Delivery,
	countEvents: (delivery) => delivery.logs.length + delivery.events.length,
};
