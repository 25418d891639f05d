import type { SourceAdapter } from '../../pipeline/sourceAdapter';
import { answerGraphHandshake } from './entra.handshake';
import { entraCandidateTypes, isSynthesizedNotificationId, normalizeGraphDelivery } from './entra.normalize';
import { parseGraphDelivery } from './entra.parse';
import { verifyGraphRequest } from './entra.verify';
import type { GraphDelivery } from './entra.wire';

export const entraSource: SourceAdapter<GraphDelivery> = {
	handshake: answerGraphHandshake,
	verify: verifyGraphRequest,
	parse: parseGraphDelivery,
	normalize: normalizeGraphDelivery,
	countEvents: (delivery) => delivery.notifications.length,
	isSynthesizedId: isSynthesizedNotificationId,
	/** Graph asks for 202 when the work continues after the reply. */
	acceptedStatus: 202,
	candidateTypes: entraCandidateTypes,
};
