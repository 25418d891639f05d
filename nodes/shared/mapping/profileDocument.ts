import type { IdentityEvent } from '../model';
import { ProfileError, tryCompileProfile, type CompiledProfile } from './compileProfile';
import type { ProfileIssue } from './rules';

export interface CompiledDocument {
	/** The profile for an event's tenant: its own, else the default, else none (the event is out of scope). */
	forEvent(event: IdentityEvent): { profile?: CompiledProfile; key: string };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function parseProfileText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, message: `not valid JSON: ${(error as Error).message}` };
	}
}

/** Compiles a single profile or a `{tenants: {...}, default?}` set, reporting every problem at once. */
export function compileProfileDocument(value: unknown, allowedAttributes?: readonly string[]): CompiledDocument {
	let document = value;
	if (typeof value === 'string') {
		const parsed = parseProfileText(value);
		if (!parsed.ok) throw new ProfileError([{ path: '(profile)', message: parsed.message }]);
		document = parsed.value;
	}
	if (!isObject(document)) throw new ProfileError([{ path: '(profile)', message: 'expected a JSON object' }]);
	if (!('tenants' in document)) {
		const single = tryCompileProfile(document, { allowedAttributes });
		if (!single.profile) throw new ProfileError(single.issues);
		const profile = single.profile;
		return { forEvent: () => ({ profile, key: 'profile' }) };
	}
	const issues: ProfileIssue[] = [];
	const unknownKeys = Object.keys(document).filter((key) => key !== 'tenants' && key !== 'default');
	for (const key of unknownKeys) issues.push({ path: key, message: 'unknown key; a tenant set has only "tenants" and "default"' });
	if (!isObject(document.tenants)) issues.push({ path: 'tenants', message: 'expected an object keyed by IdP tenant' });
	const tenants = new Map<string, CompiledProfile>();
	const attempt = (path: string, raw: unknown) => {
		const result = tryCompileProfile(raw, { prefix: path, allowedAttributes });
		issues.push(...result.issues);
		return result.profile;
	};
	for (const [tenant, raw] of Object.entries(isObject(document.tenants) ? document.tenants : {})) {
		const compiled = attempt(`tenants.${tenant}`, raw);
		if (compiled) tenants.set(tenant.toLowerCase(), compiled);
	}
	const fallback = document.default === undefined ? undefined : attempt('default', document.default);
	if (issues.length) throw new ProfileError(issues);
	return {
		forEvent(event) {
			const tenant = event.source.tenant.toLowerCase();
			const own = tenants.get(tenant);
			if (own) return { profile: own, key: `tenants.${tenant}` };
			return { profile: fallback, key: fallback ? 'default' : `tenants.${tenant}` };
		},
	};
}
