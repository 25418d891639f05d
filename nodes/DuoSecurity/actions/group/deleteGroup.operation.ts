import { deleteGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = deleteGroupOperation(DUO_NODE);
