import type { SourceAdapter } from '../../pipeline/sourceAdapter';
import { answerOktaHandshake } from './okta.handshake';
import { normalizeOktaDelivery } from './okta.normalize';
import { parseOktaDelivery } from './okta.parse';
import { verifyOktaRequest } from './okta.verify';
import type { OktaEventHookDelivery } from './okta.wire';

export const oktaSource: SourceAdapter<OktaEventHookDelivery> = {
	handshake: answerOktaHandshake,
	verify: (request, secret) => verifyOktaRequest(request, secret),
	parse: parseOktaDelivery,
	normalize: normalizeOktaDelivery,
	countEvents: (delivery) => delivery.data.events.length,
};
