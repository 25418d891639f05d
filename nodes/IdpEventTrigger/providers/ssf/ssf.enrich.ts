import type { IWebhookFunctions } from 'n8n-workflow';

import type { IdentityEvent, IdentityUser } from '../../../shared/model';
import type { EnrichOptions, IdentityProviderModule } from '../provider';

/** The node parameter naming the directory SSF events are enriched from. */
export const SSF_DIRECTORY_PARAMETER = 'ssfDirectory';

export const SSF_DIRECTORIES = {
	okta: { name: 'Okta', lookups: ['iss_sub', 'opaque', 'email', 'account', 'aliases'] },
	auth0: { name: 'Auth0', lookups: ['iss_sub', 'opaque'] },
	entra: { name: 'Microsoft Entra ID', lookups: ['iss_sub', 'opaque', 'email', 'account', 'aliases'] },
} as const;

export type SsfDirectoryId = keyof typeof SSF_DIRECTORIES;

/** Formats looked up by login, not by id: a miss means "not found that way", not "deleted". */
const BY_LOGIN = new Set(['email', 'account']);

function formatOf(user: IdentityUser): string {
	return String(user.attributes['subject.format'] ?? 'unknown');
}

/** For aliases, the lookup goes by the id chosen from them: by login when that came from an email. */
function looksUpByLogin(user: IdentityUser): boolean {
	const format = formatOf(user);
	return BY_LOGIN.has(format) || (format === 'aliases' && user.id === user.email?.toLowerCase());
}

/**
 * Enriches SSF events from the directory chosen in the node (Okta, Auth0 or Entra), with that
 * directory's own enrichment and credential. Events whose subject the directory cannot look up,
 * and all events when no directory is chosen, are emitted as the SET carries them. A lookup by
 * login that finds nobody is `failed`, not `not_found`: it says nothing about the user being deleted.
 */
export async function enrichSsfEvents(
	ctx: IWebhookFunctions,
	events: IdentityEvent[],
	options: EnrichOptions,
	directories: Record<SsfDirectoryId, IdentityProviderModule>,
): Promise<void> {
	const chosen = ctx.getNodeParameter(SSF_DIRECTORY_PARAMETER, 'none') as string;
	const id = Object.prototype.hasOwnProperty.call(SSF_DIRECTORIES, chosen) ? (chosen as SsfDirectoryId) : undefined;
	const withUser = events.filter((event): event is IdentityEvent & { user: IdentityUser } => 'user' in event);
	if (!id) {
		for (const event of withUser) event.enrichment ??= { status: 'off', message: 'No user directory is chosen to enrich Shared Signals events from' };
		return;
	}
	const directory = SSF_DIRECTORIES[id];
	const lookups: readonly string[] = directory.lookups;
	const resolvable = withUser.filter((event) => lookups.includes(formatOf(event.user)));
	for (const event of withUser) {
		if (!resolvable.includes(event)) {
			event.enrichment = { status: 'off', message: `The SET names the user by ${formatOf(event.user)}, which ${directory.name} cannot look up` };
		}
	}
	if (resolvable.length === 0) return;
	const byLogin = new Set(resolvable.filter((event) => looksUpByLogin(event.user)));
	await directories[id].enrich(ctx, resolvable, options);
	for (const event of byLogin) {
		if (event.enrichment?.status === 'not_found') {
			event.enrichment = { status: 'failed', message: `${directory.name} has no user with the login ${event.user.login ?? event.user.id}; the event carries what the SET says` };
		}
	}
}
