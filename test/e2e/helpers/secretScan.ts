import fs from 'node:fs';

/** Where to look: a name for the report and the bytes. */
export interface Haystack {
	where: string;
	content: Buffer;
}

/** Each file that exists, read whole. */
export function fileHaystacks(paths: string[]): Haystack[] {
	return paths
		.filter((file) => fs.existsSync(file))
		.map((file) => ({ where: file, content: fs.readFileSync(file) }));
}

/** `<secret name> in <where>` for every secret found in a haystack (as UTF-8 bytes). */
export function secretHits(secrets: Record<string, string>, haystacks: Haystack[]): string[] {
	const hits: string[] = [];
	for (const [name, secret] of Object.entries(secrets)) {
		if (secret.length < 16) throw new Error(`The secret ${name} is too short to search for`);
		const needle = Buffer.from(secret, 'utf8');
		for (const { where, content } of haystacks) {
			if (content.includes(needle)) hits.push(`${name} in ${where}`);
		}
	}
	return hits;
}
