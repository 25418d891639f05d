import { NodeOperationError } from 'n8n-workflow';

import type { ProviderContext } from '../http/providerRequest';
import { ssfRequest } from './ssf.api';
import { importJwks, type VerificationKey } from './ssf.jws';

/** The Transmitter Configuration Metadata this receiver reads (SSF 1.0 §7.1). */
export interface TransmitterMetadata {
	issuer: string;
	jwks_uri?: string;
	delivery_methods_supported?: string[];
	configuration_endpoint?: string;
	status_endpoint?: string;
	verification_endpoint?: string;
	critical_subject_members?: string[];
	spec_version?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or plain http on the loopback interface (sandboxes and tests). */
export function isAcceptableUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
	} catch {
		return false;
	}
}

/**
 * Where the issuer's metadata lives (SSF 1.0 §7.2): `/.well-known/ssf-configuration` inserted
 * between the host and the issuer's path, without a trailing slash; legacy RISC transmitters use
 * `risc-configuration`.
 */
export function wellKnownUrl(issuer: string, document: 'ssf-configuration' | 'risc-configuration' = 'ssf-configuration'): string {
	const url = new URL(issuer);
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.origin}/.well-known/${document}${path}`;
}

function strings(value: unknown): string[] | undefined {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

function optionalText(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The metadata, validated: its issuer must be the configured one (SSF 1.0 §7.2.4), its URLs https. */
export function readMetadata(body: unknown, issuer: string): { ok: true; value: TransmitterMetadata } | { ok: false; message: string } {
	const document = (body ?? {}) as Record<string, unknown>;
	if (document.issuer !== issuer) {
		return {
			ok: false,
			message: `The transmitter's configuration names the issuer ${JSON.stringify(document.issuer ?? null)}, not ${JSON.stringify(issuer)}; the credential's Issuer must be exactly the transmitter's issuer`,
		};
	}
	const metadata: TransmitterMetadata = {
		issuer,
		jwks_uri: optionalText(document.jwks_uri),
		delivery_methods_supported: strings(document.delivery_methods_supported),
		configuration_endpoint: optionalText(document.configuration_endpoint),
		status_endpoint: optionalText(document.status_endpoint),
		verification_endpoint: optionalText(document.verification_endpoint),
		critical_subject_members: strings(document.critical_subject_members),
		spec_version: optionalText(document.spec_version),
	};
	const insecure = (['jwks_uri', 'configuration_endpoint', 'status_endpoint', 'verification_endpoint'] as const).find(
		(field) => metadata[field] !== undefined && !isAcceptableUrl(metadata[field] as string),
	);
	if (insecure) return { ok: false, message: `The transmitter's ${insecure} is not an https URL` };
	return { ok: true, value: metadata };
}

/** Fetches and validates the issuer's Transmitter Configuration Metadata. */
export async function fetchTransmitterMetadata(ctx: ProviderContext, issuer: string, duringDelivery = false): Promise<TransmitterMetadata> {
	if (!isAcceptableUrl(issuer)) {
		throw new NodeOperationError(ctx.getNode(), `The credential's Issuer ${JSON.stringify(issuer)} is not an https URL`);
	}
	let response = await ssfRequest<unknown>(ctx, 'GET', wellKnownUrl(issuer), { tolerate: [404], duringDelivery });
	if (response.statusCode === 404) {
		response = await ssfRequest<unknown>(ctx, 'GET', wellKnownUrl(issuer, 'risc-configuration'), { duringDelivery });
	}
	const metadata = readMetadata(response.body, issuer);
	if (!metadata.ok) throw new NodeOperationError(ctx.getNode(), metadata.message);
	return metadata.value;
}

/** What the receiver caches per transmitter: its metadata and verification keys. */
export interface TransmitterKeys {
	metadata: TransmitterMetadata;
	keys: VerificationKey[];
}

interface CacheEntry extends TransmitterKeys {
	fetchedAt: number;
	/** When an unknown `kid` last made the receiver fetch again. */
	refetchedAt?: number;
	/** Unknown `kid`s already looked for, and when. */
	missedKids: Map<string, number>;
}

/** Keys are fetched again after this long, so a revoked key stops verifying. */
export const KEYS_TTL_MS = 60 * 60_000;
/** At most one fetch for an unknown `kid` per second and transmitter. */
export const REFETCH_MIN_INTERVAL_MS = 1000;
/** A `kid` still unknown after a fetch makes no new fetch for this long. */
export const MISSED_KID_TTL_MS = 5 * 60_000;
const MAX_MISSED_KIDS = 256;

/**
 * Per process and per issuer, never in static data: keys are public and any process can fetch them.
 * In-flight fetches are shared, so a burst of SETs fetches once.
 */
const cache = new Map<string, CacheEntry>();
const inFlight = new Map<string, Promise<CacheEntry>>();

async function load(ctx: ProviderContext, issuer: string, now: number, previous?: CacheEntry): Promise<CacheEntry> {
	const metadata = await fetchTransmitterMetadata(ctx, issuer, true);
	if (!metadata.jwks_uri) {
		throw new NodeOperationError(ctx.getNode(), "The transmitter's configuration has no jwks_uri, so its SETs cannot be verified");
	}
	const { body } = await ssfRequest<unknown>(ctx, 'GET', metadata.jwks_uri, { duringDelivery: true });
	const entry: CacheEntry = {
		metadata,
		keys: importJwks(body),
		fetchedAt: now,
		missedKids: previous?.missedKids ?? new Map(),
		...(previous ? { refetchedAt: now } : {}),
	};
	cache.set(issuer, entry);
	return entry;
}

async function loadOnce(ctx: ProviderContext, issuer: string, now: number, previous?: CacheEntry): Promise<CacheEntry> {
	let pending = inFlight.get(issuer);
	if (!pending) {
		pending = load(ctx, issuer, now, previous).finally(() => inFlight.delete(issuer));
		inFlight.set(issuer, pending);
	}
	return await pending;
}

function mayRefetchFor(entry: CacheEntry, kid: string, now: number): boolean {
	const missed = entry.missedKids.get(kid);
	if (missed !== undefined && now - missed < MISSED_KID_TTL_MS) return false;
	return entry.refetchedAt === undefined || now - entry.refetchedAt >= REFETCH_MIN_INTERVAL_MS;
}

/**
 * The transmitter's metadata and keys: cached, fetched again after {@link KEYS_TTL_MS}, and once more
 * when a SET names a `kid` the cached set lacks (a rotation), at most once per
 * {@link REFETCH_MIN_INTERVAL_MS} and once per unknown `kid` per {@link MISSED_KID_TTL_MS}.
 */
export async function transmitterKeys(ctx: ProviderContext, issuer: string, kid: string | undefined, now: number): Promise<TransmitterKeys> {
	let entry = cache.get(issuer);
	if (!entry || now - entry.fetchedAt > KEYS_TTL_MS) entry = await loadOnce(ctx, issuer, now);
	if (kid !== undefined && !entry.keys.some((key) => key.kid === kid) && mayRefetchFor(entry, kid, now)) {
		entry.missedKids.set(kid, now);
		if (entry.missedKids.size > MAX_MISSED_KIDS) entry.missedKids.delete(entry.missedKids.keys().next().value as string);
		entry = await loadOnce(ctx, issuer, now, entry);
	}
	return { metadata: entry.metadata, keys: entry.keys };
}

/** Drops what this process cached for an issuer, e.g. after registration read fresh metadata. */
export function forgetTransmitter(issuer: string): void {
	cache.delete(issuer);
}
