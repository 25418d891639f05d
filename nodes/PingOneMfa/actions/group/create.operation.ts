import { createGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = createGroupOperation(PINGONE_NODE);
