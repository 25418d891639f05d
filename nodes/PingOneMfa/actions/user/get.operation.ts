import type { IDataObject } from 'n8n-workflow';

import { getUserOperation } from '../../../shared/mfa/n8n/operations/getUser';
import type { PingOneDirectory } from '../../client/PingOneDirectory';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = getUserOperation(PINGONE_NODE, async (directory, user, simplify) => {
	const pingOne = directory as PingOneDirectory;
	const devices = await pingOne.pingOneDevices(user);
	if (!simplify) {
		return { ...(pingOne.users.byUserId(user.id) as unknown as IDataObject), devices: devices as unknown as IDataObject[] };
	}
	return {
		username: user.username,
		id: user.id,
		email: user.fields.email,
		givenName: user.fields.givenName,
		familyName: user.fields.familyName,
		status: user.statusLabel,
		externalId: user.fields.externalId,
		groups: user.groups.map((group) => group.name),
		devices: devices.map(({ id, type, status, nickname }) => ({ id, type, status, ...(nickname ? { nickname } : {}) })),
	};
});
