import type { TriggerSource } from './triggerSources';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The 1,000 wrong ways of presenting `secret`: none, empty, random values of every length, near
 * misses (one character changed, cut short, extended, other case, split), other schemes. Only
 * header-safe text for IdPs that send the secret in a header.
 */
function wrongSecrets(
	secret: string,
	inBody: boolean,
	next: () => number,
): Array<string | undefined> {
	const pick = (n: number) => Math.floor(next() * n);
	const randomText = (length: number) =>
		Array.from({ length }, () => ALPHABET[pick(ALPHABET.length)]).join('');
	const variants: Array<(i: number) => string | undefined> = [
		() => undefined,
		() => '',
		() => randomText(1 + pick(80)),
		() => randomText(43),
		() => {
			const at = pick(secret.length);
			const replacement = ALPHABET.replace(secret[at], '')[pick(ALPHABET.length - 1)];
			return `${secret.slice(0, at)}${replacement}${secret.slice(at + 1)}`;
		},
		() => secret.slice(0, pick(secret.length)),
		() => `${secret}${randomText(1 + pick(4))}`,
		() => secret.toUpperCase(),
		// HTTP trims spaces around a header value, so a padded header secret is the secret itself
		() => (inBody ? ` ${secret}` : `${secret.slice(0, 5)} ${secret.slice(5)}`),
		() => `bearer ${secret}`,
		() => `Basic ${secret}`,
		() => (inBody ? `${secret}\u202e` : `${secret}\u007e`),
		() => (inBody ? `\ud800${secret}` : `SSWS ${secret}`),
	];
	return Array.from({ length: 1000 }, (_, i) => variants[i % variants.length](i));
}

/** The 1,000 wrong secrets for `source`'s secret `secret` (header-safe unless the IdP sends it in the body). */
export function wrongSecretsFor(
	source: TriggerSource,
	secret: string,
	next: () => number,
): Array<string | undefined> {
	return wrongSecrets(secret, source.name === 'entra', next);
}
