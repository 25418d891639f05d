import type { IDataObject } from 'n8n-workflow';

import type { IdentityEvent } from '../shared/model';

/** What the output panel shows first: what happened and to whom; the envelope (id, source, times) follows. */
const LEADING = ['type', 'user', 'group', 'mfa'] as const;

export function outputItem(event: IdentityEvent): IDataObject {
	const fields = event as unknown as IDataObject;
	const item: IDataObject = {};
	for (const key of LEADING) if (key in fields) item[key] = fields[key];
	return Object.assign(item, fields);
}
