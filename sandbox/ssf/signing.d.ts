import type { KeyObject } from 'node:crypto';

export interface SigningKey {
	kid: string;
	alg: 'RS256' | 'PS256' | 'ES256';
	privateKey: KeyObject;
	publicKey: KeyObject;
	jwk: Record<string, unknown>;
}

export function newKey(alg: SigningKey['alg'], kid?: string): SigningKey;

export function signSet(
	key: SigningKey,
	claims: object,
	options?: { forge?: 'none' | 'hs256' | 'foreign'; header?: Record<string, unknown> },
): string;
