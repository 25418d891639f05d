import type { GroupQuery, MfaGroup } from './port';

/**
 * How an MFA object remembers the IdP object it follows. Users keep an anchor in a profile field
 * (Duo: an alias), groups a marker in their description. Both name the IdP tenant, so that two
 * tenants' objects with the same id never merge: `idp:<idp>:<tenant>/<id>`. Anchors written before
 * tenants were part of them (a bare user id, `idp:<idp>:<id>` for groups) are still recognized, and
 * replaced by the tenant form the next time the object is written.
 */

export interface IdpObject {
	idp: string;
	tenant: string;
	id: string;
}

const tenantKey = (tenant: string) => tenant.trim().toLowerCase();

export function userAnchor(user: IdpObject): string {
	return `idp:${user.idp}:${tenantKey(user.tenant)}/${user.id}`;
}

/** The anchor values that identify the user, the current form first. */
export function userAnchors(user: IdpObject): string[] {
	return [userAnchor(user), user.id];
}

export function groupMarker(group: IdpObject): string {
	return `idp:${group.idp}:${tenantKey(group.tenant)}/${group.id}`;
}

/** The markers that identify the group, the current form first. */
export function groupMarkers(group: IdpObject): string[] {
	return [groupMarker(group), `idp:${group.idp}:${group.id}`];
}

const MARKER = /idp:[^\s:]+:\S+/g;

/** Every marker in a description. */
export function markersIn(description: string | null | undefined): string[] {
	return (description ?? '').match(MARKER) ?? [];
}

/** Whether some IdP created or claimed the group (its description carries a marker). */
export function isMarked(group: MfaGroup): boolean {
	return markersIn(group.description).length > 0;
}

export function carriesMarker(group: MfaGroup, markers: readonly string[]): boolean {
	const present = markersIn(group.description);
	return markers.some((marker) => present.includes(marker));
}

/**
 * The description change that records the current marker: when the description is empty or
 * holds only an older form of the same marker. A description someone wrote is never replaced.
 */
export function markerDescription(group: MfaGroup, markers: readonly string[]): string | undefined {
	const [current] = markers;
	if (!current) return undefined;
	const description = (group.description ?? '').trim();
	if (description === current) return undefined;
	if (description === '' || (markers.includes(description) && description !== current)) {
		return current;
	}
	return undefined;
}

export function groupQueryOf(markers: readonly string[], name?: string): GroupQuery {
	return { markers: [...markers], ...(name !== undefined ? { name } : {}) };
}
