// "Did you mean": the bounded distance `suggest` uses equals the full one wherever it matters.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { distanceWithin, editDistance, suggest } from '../../server/src/engine/rules/support';

describe('suggest and its bounded edit distance', () => {
  it('distanceWithin(a, b, k) is min(editDistance(a, b), k + 1) for random strings', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '-', '1'), maxLength: 14 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 5 }), (a, b, bound) => {
        assert.equal(distanceWithin(a, b, bound), Math.min(editDistance(a, b), bound + 1));
      }),
      { seed: 20261127, numRuns: 4000 },
    );
  });

  it('suggests the same ids as a plain scan with the full distance', () => {
    const ids = ['SVC-EMAIL', 'SVC-E-MAIL', 'SVC-MAIL', 'SVC-EMAIL-U1', 'SUP-CLOUD', 'SVC-EMAL', 'svc-email', 'ROLE-SM', 'SVC-EMAIL-ARCHIVE'];
    const reference = (input: string): string[] => {
      const lowered = input.toLowerCase();
      const scored: { candidate: string; distance: number }[] = [];
      for (const candidate of ids) {
        if (candidate === input) continue;
        const loweredCandidate = candidate.toLowerCase();
        if (loweredCandidate !== lowered && Math.abs(candidate.length - input.length) > Math.max(3, input.length / 2)) continue;
        const distance = loweredCandidate === lowered ? 0 : editDistance(input, candidate);
        const threshold = Math.max(1, Math.min(4, Math.floor(Math.max(input.length, candidate.length) / 3)));
        const contains = lowered.length >= 4 && (loweredCandidate.includes(lowered) || lowered.includes(loweredCandidate));
        if (distance <= threshold || contains) scored.push({ candidate, distance: contains ? Math.min(distance, threshold) : distance });
      }
      scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
      return scored.slice(0, 3).map((entry) => entry.candidate);
    };
    for (const input of ['SVC-EMIAL', 'SVC-EMAIL', 'svc-emal', 'SVC', 'EMAIL', 'SUP-CLOUDY', 'ROLE-S', 'X', 'SVC-EMAIL-ARCHIV']) {
      assert.deepEqual(suggest(input, ids), reference(input), input);
    }
    assert.ok(suggest('SVC-EMIAL', ids).includes('SVC-EMAIL'));
  });
});
