/** Describes a presented secret for logs without revealing it. */
export function describePresentedSecret(value: string | undefined): string {
	if (value === undefined || value === '') return 'no credential presented';
	return `a credential of ${value.length} characters`;
}
