import type { IDataObject } from 'n8n-workflow';

import { getUserOperation } from '../../../shared/mfa/n8n/operations/getUser';
import type { RsaDirectory } from '../../client/RsaDirectory';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = getUserOperation(RSA_NODE, async (directory, user, simplify) => {
	const rsa = directory as RsaDirectory;
	const native = (await rsa.findRsaUser({ id: user.id })) as unknown as IDataObject;
	const devices = await rsa.rsaDevices(user);
	if (!simplify) return { ...native, devices: devices as unknown as IDataObject[] };
	return {
		username: user.username,
		id: user.id,
		firstName: native.firstName ?? '',
		lastName: native.lastName ?? '',
		status: user.statusLabel,
		identitySource: native.identitySource ?? '',
		devices: devices.map(({ id, type, deviceName, tokenSerialNumber }) =>
			JSON.parse(JSON.stringify({ id, type, deviceName, tokenSerialNumber })) as IDataObject,
		),
	};
});
