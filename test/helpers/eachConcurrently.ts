/** Runs `work` for each item, `concurrency` at a time, in order of start. */
export async function eachConcurrently<T>(
	items: T[],
	concurrency: number,
	work: (item: T, index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) {
				const index = next++;
				await work(items[index], index);
			}
		}),
	);
}
