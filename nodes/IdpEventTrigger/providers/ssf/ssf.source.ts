import type { SourceAdapter } from '../../pipeline/sourceAdapter';
import { ssfReplies } from './ssf.errors';
import { answerSsfGet } from './ssf.handshake';
import { normalizeSsfDelivery } from './ssf.normalize';
import { parseSet } from './ssf.parse';
import { verifySsfAuthorization } from './ssf.verify';
import type { SsfDelivery } from './ssf.wire';

export const ssfSource: SourceAdapter<SsfDelivery> = {
	handshake: answerSsfGet,
	verify: verifySsfAuthorization,
	parse: parseSet,
	normalize: normalizeSsfDelivery,
	/** RFC 8935 pushes one SET per request. */
	countEvents: () => 1,
	replies: ssfReplies,
};
