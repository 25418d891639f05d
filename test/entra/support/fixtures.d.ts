export interface GraphFixture {
	value: Array<Record<string, unknown> & { clientState?: string; subscriptionId: string }>;
}
export function entraFixtureNames(): string[];
export function entraFixtureText(name: string): string;
export function entraFixture(name: string): GraphFixture;
