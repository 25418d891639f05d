import { previewMappingOperation } from '../../../shared/mfa/n8n/operations/previewMapping';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = previewMappingOperation(OKTA_NODE);
