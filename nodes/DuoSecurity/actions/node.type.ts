export type DuoResource = 'user' | 'group' | 'identityEvent' | 'directory';
