import type { IdentityEvent, IdentityUser } from '../../../shared/model';
import { enrichmentOf, fetchEachOnce, mergeUser } from '../userEnrichment';
import { graphRequest, graphRequestAllItems, type EntraContext } from './entra.api';
import {
	GRAPH_USER_SELECT,
	identityUserFromGraph,
	type GraphGroup,
	type GraphUser,
} from './entra.users';

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
	const fetched = await fetchEachOnce(ids, options.concurrency ?? 4, async (id) => {
		const path = `/users/${encodeURIComponent(id)}`;
		const user = needsProfile.has(id)
			? identityUserFromGraph(
					(
						await graphRequest<GraphUser>(ctx, 'GET', path, undefined, {
							$select: GRAPH_USER_SELECT,
						})
					).body,
				)
			: undefined;
		const groups: IdentityUser['groups'] = options.includeGroups
			? (
					await graphRequestAllItems<GraphGroup>(ctx, `${path}/memberOf/microsoft.graph.group`, {
						$select: 'id,displayName',
					})
				).map((group) => ({
					id: group.id,
					...(group.displayName ? { name: group.displayName } : {}),
				}))
			: undefined;
		return { user, groups };
	});
	for (const event of withUser) {
		const result = fetched.get(event.user.id);
		if (!result) continue;
		if (result.value?.user) event.user = mergeUser(event.user, result.value.user);
		if (result.value?.groups) event.user.groups = result.value.groups;
		if (event.enrichment === undefined || result.status !== 'enriched') {
			event.enrichment = enrichmentOf(result);
		}
	}
}
