import { renameGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = renameGroupOperation(DUO_NODE);
