import { operationMap, resourceDescription, type OperationEntry } from '../../../shared/mfa/n8n/resource';
import * as reconcile from './reconcile.operation';

const entries: OperationEntry[] = [
	{
		name: 'Reconcile',
		value: 'reconcile',
		description:
			"Bring Duo in line with an identity provider's whole directory: backfill, drift repair and orphans, planned before any write",
		action: 'Reconcile Duo with a directory',
		operation: reconcile,
	},
];

export const operations = operationMap(entries);

export const description = resourceDescription('directory', 'reconcile', entries);
