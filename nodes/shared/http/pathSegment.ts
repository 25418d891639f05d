import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * An id as one URL path segment. An empty id is refused before any request: `/users/` would
 * name the collection instead of one user.
 */
export function pathSegment(node: INode, value: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(node, 'An object id is empty', {
			description: 'Pass the id of an existing user, group or device',
		});
	}
	return encodeURIComponent(value.trim());
}
