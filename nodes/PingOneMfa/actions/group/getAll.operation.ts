import { getManyGroupsOperation } from '../../../shared/mfa/n8n/operations/groups';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = getManyGroupsOperation(PINGONE_NODE);
