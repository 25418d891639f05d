import { deleteGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = deleteGroupOperation(PINGONE_NODE);
