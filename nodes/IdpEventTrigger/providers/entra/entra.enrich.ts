import { NodeApiError } from 'n8n-workflow';

import type { IdentityEvent, IdentityUser } from '../../../shared/model';
import { mapWithConcurrency } from '../../../shared/http/concurrency';
import { graphRequest, graphRequestAllItems, type EntraContext } from './entra.api';
import {
	GRAPH_USER_SELECT,
	identityUserFromGraph,
	type GraphGroup,
	type GraphUser,
} from './entra.users';

type Fetched = {
	user?: IdentityUser;
	groups?: IdentityUser['groups'];
	status: 'enriched' | 'not_found' | 'failed';
	message?: string;
};

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * Fetches the profile of each user not already fetched while classifying (and, on request, the
 * groups of every user) once, and merges it into every event about them. Failures are recorded
 * on the event, never thrown.
 */
export async function enrichEntraEvents(
	ctx: EntraContext,
	events: IdentityEvent[],
	options: { includeGroups: boolean; concurrency?: number },
): Promise<void> {
	const withUser = events.filter(
		(event): event is IdentityEvent & { user: IdentityUser } => 'user' in event,
	);
	const needsProfile = new Set(
		withUser.filter((e) => e.enrichment === undefined).map((e) => e.user.id),
	);
	const ids = [
		...new Set(
			withUser
				.filter((e) => options.includeGroups || needsProfile.has(e.user.id))
				.map((e) => e.user.id),
		),
	];
	const fetched = new Map<string, Fetched>();
	await mapWithConcurrency(ids, options.concurrency ?? 4, async (id) => {
		const path = `/users/${encodeURIComponent(id)}`;
		try {
			const user = needsProfile.has(id)
				? identityUserFromGraph(
						(
							await graphRequest<GraphUser>(ctx, 'GET', path, undefined, {
								$select: GRAPH_USER_SELECT,
							})
						).body,
					)
				: undefined;
			const groups = options.includeGroups
				? (
						await graphRequestAllItems<GraphGroup>(ctx, `${path}/memberOf/microsoft.graph.group`, {
							$select: 'id,displayName',
						})
					).map((group) => ({
						id: group.id,
						...(group.displayName ? { name: group.displayName } : {}),
					}))
				: undefined;
			fetched.set(id, { user, groups, status: 'enriched' });
		} catch (error) {
			if (isNotFound(error)) fetched.set(id, { status: 'not_found' });
			else fetched.set(id, { status: 'failed', message: (error as Error).message });
		}
	});
	for (const event of withUser) {
		const result = fetched.get(event.user.id);
		if (!result) continue;
		if (result.user)
			event.user = {
				...event.user,
				...result.user,
				attributes: { ...event.user.attributes, ...result.user.attributes },
			};
		if (result.groups) event.user.groups = result.groups;
		if (event.enrichment === undefined || result.status !== 'enriched') {
			event.enrichment = {
				status: result.status,
				...(result.message ? { message: result.message } : {}),
			};
		}
	}
}
