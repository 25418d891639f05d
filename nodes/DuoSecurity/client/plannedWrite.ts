import type { IDataObject } from 'n8n-workflow';

export type WriteTargetKind = 'user' | 'group' | 'membership' | 'device' | 'enrollment';

/**
 * One write to Duo, described before it is sent: the request, what it targets, and the values it
 * changes from → to. Every write of an execution goes through DuoDirectory.write as one of these.
 */
export interface PlannedWrite {
	method: 'POST' | 'DELETE';
	path: string;
	params: IDataObject;
	target: { kind: WriteTargetKind; id?: string; name?: string };
	before?: IDataObject;
	after?: IDataObject;
}

/** A planned write as output JSON: a copy, with old and new values only where there are some. */
export function plannedWriteJson(plan: PlannedWrite): IDataObject {
	return {
		method: plan.method,
		path: plan.path,
		params: { ...plan.params },
		target: { ...plan.target },
		...(plan.before ? { before: { ...plan.before } } : {}),
		...(plan.after ? { after: { ...plan.after } } : {}),
	};
}
