import type { IExecuteFunctions } from 'n8n-workflow';

import { duoApiRequest } from '../transport/request';
import type { RetryPolicy } from '../transport/retryPolicy';
import type { DuoGroup } from './duoObjects';
import type { GroupCache } from './groupCache';

export const GROUPS_PAGE = 100;

/** What the cache takes from a listed group: the group, a simulated version of it, or nothing. */
export type ListedGroupFilter = (group: DuoGroup) => DuoGroup | undefined;

/**
 * One pass over `GET /admin/v1/groups`, read page by page only as far as lookups need, into the
 * group cache. `restart` begins a new pass, for when what the cache remembers is out of date.
 */
export class GroupListing {
	private offset = 0;

	/** Ids in listing order. */
	private readonly listed = new Set<string>();

	/** When the first page of the current pass was read (epoch milliseconds). */
	startedAt?: number;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly retry: RetryPolicy,
		private readonly cache: GroupCache,
		private readonly accept: ListedGroupFilter = (group) => group,
	) {}

	get complete(): boolean {
		return this.cache.complete;
	}

	restart(): void {
		this.offset = 0;
		this.listed.clear();
		this.startedAt = undefined;
	}

	async readPage(): Promise<void> {
		this.startedAt ??= Date.now();
		const page = await duoApiRequest<DuoGroup[]>(
			this.ctx,
			'GET',
			'/admin/v1/groups',
			{ limit: GROUPS_PAGE, offset: this.offset },
			{ retry: this.retry },
		);
		for (const listed of page?.response ?? []) {
			const group = this.accept(listed);
			if (!group) continue;
			this.cache.put(group);
			this.listed.add(group.group_id);
		}
		const next = page?.metadata.next_offset;
		if (next === undefined || next === null || next === '') this.cache.complete = true;
		else this.offset = Number(next);
	}

	async readAll(): Promise<DuoGroup[]> {
		while (!this.complete) await this.readPage();
		const inOrder = [...this.listed]
			.map((id) => this.cache.byGroupId(id))
			.filter((group): group is DuoGroup => group !== undefined);
		const others = this.cache.all().filter((group) => !this.listed.has(group.group_id));
		return [...inOrder, ...others];
	}

	/** A group deleted after the listing returned it shifts the pages not read yet by one. */
	forget(groupId: string): void {
		if (this.listed.delete(groupId) && !this.complete) this.offset -= 1;
	}
}
