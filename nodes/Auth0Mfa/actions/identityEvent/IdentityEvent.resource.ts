import { identityEventResource } from '../../../shared/mfa/n8n/resources';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

export const { operations, description } = identityEventResource('Auth0', { apply, previewMapping });
