import type { Logger } from 'n8n-workflow';

import { escapeForLog } from '../../shared/security/unicodeText';

/**
 * Progress lines of one directory read. Counts only: no user data, which identity providers control,
 * reaches the log.
 */
export function directoryProgress(ctx: { logger: Logger }, idp: string) {
	const line = (message: string) => `IdP Directory (${escapeForLog(idp)}): ${message}`;
	let estimate: number | undefined;
	return {
		/** A total the provider reported (or approximated); later lines show it as "of ~M". */
		estimate(total: number | undefined) {
			if (total !== undefined && Number.isFinite(total) && total >= 0) estimate = total;
		},
		users(fetched: number) {
			const total = estimate === undefined ? undefined : Math.max(estimate, fetched);
			const noun = (total ?? fetched) === 1 ? 'user' : 'users';
			ctx.logger.info(line(`fetched ${fetched}${total === undefined ? '' : ` of ~${total}`} ${noun}`));
		},
		info(message: string) {
			ctx.logger.info(line(message));
		},
	};
}

export type DirectoryProgress = ReturnType<typeof directoryProgress>;
