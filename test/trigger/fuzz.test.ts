import { isWellFormed } from '../../nodes/shared/security/unicodeText';
import { IdentityEventSchema } from '../../nodes/shared/model';
import { n8nLogger } from '../harness/n8nContainer';
import { generate, requestFor } from '../helpers/fuzzedDeliveries';
import { seededRandom } from '../helpers/seededRandom';
import {
	TRIGGER_SOURCES,
	deliverTo,
	eachConcurrently,
} from '../helpers/triggerSources';

const BODIES_PER_SOURCE = Number(process.env.FUZZ_BODIES ?? 10_000);
const ALLOWED_STATUSES = new Set([200, 202, 400, 401, 413, 422]);

describe('fuzzing the trigger with generated and mutated deliveries', () => {
	beforeEach(() => {
		jest.spyOn(n8nLogger(), 'info').mockImplementation(() => undefined);
		jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	it.each(TRIGGER_SOURCES.map((source) => [source.name, source] as const))(
		`%s: ${BODIES_PER_SOURCE} bodies, every reply 2xx/400/401/413/422, never a thrown error, and only schema-valid events`,
		async (name, source) => {
			const next = seededRandom(name.length * 7919);
			const cases = Array.from({ length: BODIES_PER_SOURCE }, () => generate(source, next));
			const statuses = new Map<number, number>();
			const problems: string[] = [];
			await eachConcurrently(cases, 4, async (generated, index) => {
				const request = requestFor(source, generated);
				let result;
				try {
					result = await deliverTo(source, { parameters: { options: generated.options }, staticData: {}, request });
				} catch (error) {
					problems.push(`#${index}: threw ${(error as Error).stack ?? String(error)}`);
					return;
				}
				statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
				if (!ALLOWED_STATUSES.has(result.status)) problems.push(`#${index}: status ${result.status} ${result.body.slice(0, 200)}`);
				if (generated.secret === 'wrong' && ![401, 422].includes(result.status)) {
					problems.push(`#${index}: a wrong secret got ${result.status}`);
				}
				if (result.status >= 300 && result.workflowData !== undefined) problems.push(`#${index}: refused yet started an execution`);
				for (const item of result.workflowData?.[0] ?? []) {
					const parsed = IdentityEventSchema.safeParse(item.json);
					if (!parsed.success) problems.push(`#${index}: invalid event ${parsed.error.message.slice(0, 300)}`);
					const text = JSON.stringify(item.json);
					if (!isWellFormed(text)) problems.push(`#${index}: malformed Unicode reached an event`);
					if (text.includes(source.manualSecret)) problems.push(`#${index}: the secret reached an event`);
				}
			});
			expect(problems.slice(0, 20)).toEqual([]);
			expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(BODIES_PER_SOURCE);
			expect(statuses.get(source.name === 'entra' ? 202 : 200)).toBeGreaterThan(BODIES_PER_SOURCE / 10);
		},
		300_000,
	);
});
