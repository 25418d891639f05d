import { previewMappingOperation } from '../../../shared/mfa/n8n/operations/previewMapping';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = previewMappingOperation(RSA_NODE);
