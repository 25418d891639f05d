export function auth0FixtureNames(): string[];
export function auth0FixtureText(name: string): string;
export function auth0Fixture(name: string): unknown;
