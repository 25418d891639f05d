const GZIP_MAGIC = [0x1f, 0x8b];

function isGzip(bytes: Uint8Array): boolean {
	return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * The records of an NDJSON file, gzip-compressed or not, decoded as a stream so that the whole
 * decompressed text is never held at once. Throws on a line that is not a JSON object.
 */
export async function ndjsonRecords(bytes: Uint8Array): Promise<Array<Record<string, unknown>>> {
	const raw = new Blob([bytes]).stream();
	const text = (isGzip(bytes) ? raw.pipeThrough(new DecompressionStream('gzip')) : raw).pipeThrough(
		new TextDecoderStream(),
	);
	const records: Array<Record<string, unknown>> = [];
	let lineNumber = 0;
	const take = (line: string) => {
		lineNumber++;
		if (line.trim() === '') return;
		const value: unknown = JSON.parse(line);
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			throw new Error(`line ${lineNumber} is not a JSON object`);
		}
		records.push(value as Record<string, unknown>);
	};
	let rest = '';
	const reader = text.getReader();
	for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
		const lines = (rest + chunk.value).split('\n');
		rest = lines.pop() ?? '';
		lines.forEach(take);
	}
	take(rest);
	return records;
}
