import { previewMappingOperation } from '../../../shared/mfa/n8n/operations/previewMapping';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = previewMappingOperation(DUO_NODE);
