export type DuoResource = 'user' | 'group' | 'identityEvent';
