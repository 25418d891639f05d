import type { IdentityEvent } from '../model';
import { compileProfile, ProfileError, type CompiledProfile } from './compileProfile';
import type { ProfileIssue } from './rules';

export interface CompiledDocument {
	/** The profile for an event's tenant: its own, else the default, else none (the event is out of scope). */
	forEvent(event: IdentityEvent): { profile?: CompiledProfile; key: string };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseProfileText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new ProfileError([{ path: '(profile)', message: `not valid JSON: ${(error as Error).message}` }]);
	}
}

/** Compiles a single profile or a `{tenants: {...}, default?}` set, reporting every problem at once. */
export function compileProfileDocument(value: unknown, allowedAttributes?: readonly string[]): CompiledDocument {
	const document = typeof value === 'string' ? parseProfileText(value) : value;
	if (!isObject(document)) throw new ProfileError([{ path: '(profile)', message: 'expected a JSON object' }]);
	if (!('tenants' in document)) {
		const single = compileProfile(document, { allowedAttributes });
		return { forEvent: () => ({ profile: single, key: 'profile' }) };
	}
	const issues: ProfileIssue[] = [];
	const unknownKeys = Object.keys(document).filter((key) => key !== 'tenants' && key !== 'default');
	for (const key of unknownKeys) issues.push({ path: key, message: 'unknown key; a tenant set has only "tenants" and "default"' });
	if (!isObject(document.tenants)) issues.push({ path: 'tenants', message: 'expected an object keyed by IdP tenant' });
	const tenants = new Map<string, CompiledProfile>();
	const attempt = (path: string, raw: unknown) => {
		try {
			return compileProfile(raw, { prefix: path, allowedAttributes });
		} catch (error) {
			if (!(error instanceof ProfileError)) throw error;
			issues.push(...error.issues);
			return undefined;
		}
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
