export * from './eventCatalogue';
export * from './identityEvent.schema';
export * from './parseIdentityEvent';
export * from './eventTypeOptions';
export * from './directoryUser.schema';
