import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VersionFormatError } from './errors.ts';
import {
  checkFixedIn,
  compareAsaVersions,
  formatAsaVersion,
  parseAsaVersion,
  trainOf,
  tryParseAsaVersion,
} from './version.ts';

const tuple = (s: string) => {
  const v = parseAsaVersion(s);
  return [v.major, v.minor, v.maint, v.sub, v.interim];
};

describe('parseAsaVersion', () => {
  it.each([
    ['9.20(4)14', [9, 20, 4, 0, 14]],
    ['9.22(2)14', [9, 22, 2, 0, 14]],
    ['9.23(1)22', [9, 23, 1, 0, 22]],
    ['9.22(1.1)', [9, 22, 1, 1, 0]],
    ['9.22.3', [9, 22, 3, 0, 0]],
    ['9.24(1)9', [9, 24, 1, 0, 9]],
    ['8.4(1)', [8, 4, 1, 0, 0]],
    ['9.14(2)15 <context>', [9, 14, 2, 0, 15]],
    ['  9.12(2) ', [9, 12, 2, 0, 0]],
    ['9.8(3)235', [9, 8, 3, 0, 235]],
    ['9.20.4.14', [9, 20, 4, 0, 14]],
    ['asa9-14-2-14-smp-k8.bin', [9, 14, 2, 0, 14]],
    ['asa9-16-3-19-lfbff-k8.SPA', [9, 16, 3, 0, 19]],
    ['asa984-10-smp-k8.bin', [9, 8, 4, 0, 10]],
    ['asa992-32-lfbff-k8.SPA', [9, 9, 2, 0, 32]],
    ['asa952-204-smp-k8.bin', [9, 5, 2, 0, 204]],
    ['asa9122-smp-k8.bin', [9, 12, 2, 0, 0]],
    ['boot:/asa984-10-smp-k8.bin', [9, 8, 4, 0, 10]],
    ['disk0:/asa9-16-3-19-lfbff-k8.SPA', [9, 16, 3, 0, 19]],
  ])('%s', (text, expected) => {
    expect(tuple(text)).toEqual(expected);
  });

  it('keeps the multi-context suffix apart', () => {
    const v = parseAsaVersion('9.14(2)15 <context>');
    expect(v.context).toBe('<context>');
    expect(v.raw).toBe('9.14(2)15');
  });

  it.each(['', 'nine', '9', '9.x(1)', '9.20(4', 'asa-smp-k8.bin', '10.0.0.0.0', '9.20(4)14(2)'])(
    'rejects %j with a typed error naming the input',
    (text) => {
      let err: unknown;
      try {
        parseAsaVersion(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(VersionFormatError);
      expect((err as VersionFormatError).code).toBe('VERSION_FORMAT');
      expect((err as VersionFormatError).message).toContain(JSON.stringify(text));
      expect(tryParseAsaVersion(text)).toBeUndefined();
    },
  );
});

describe('robustness', () => {
  it('any text either parses or fails with VersionFormatError, never anything else', () => {
    const pieces = fc.constantFrom(
      '9',
      '.',
      '(',
      ')',
      '22',
      '1',
      '-',
      'asa',
      'smp',
      'k8.bin',
      ' ',
      '<context>',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
        ),
        (text) => {
          try {
            const v = parseAsaVersion(text);
            expect(Number.isInteger(v.major) && Number.isInteger(v.interim)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(VersionFormatError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('formatAsaVersion', () => {
  it.each([
    ['9.20(4)14', '9.20(4)14'],
    ['9.22(1.1)', '9.22(1.1)'],
    ['9.22.3', '9.22(3)'],
    ['asa984-10-smp-k8.bin', '9.8(4)10'],
    ['9.14(2)15 <context>', '9.14(2)15'],
  ])('%s -> %s', (text, expected) => {
    expect(formatAsaVersion(text)).toBe(expected);
  });
});

describe('order', () => {
  it('orders the seed and corpus versions as Cisco means them', () => {
    const sorted = [
      '9.23(1)22',
      '9.22(1.1)',
      '8.4(1)',
      '9.22.3',
      '9.20(4)14',
      '9.22(2)14',
      '9.20(4)',
      '9.22(1)',
      '9.24(1)9',
    ]
      .slice()
      .sort(compareAsaVersions);
    expect(sorted).toEqual([
      '8.4(1)',
      '9.20(4)',
      '9.20(4)14',
      '9.22(1)',
      '9.22(1.1)',
      '9.22(2)14',
      '9.22.3',
      '9.23(1)22',
      '9.24(1)9',
    ]);
  });

  const versionArb = fc
    .record({
      major: fc.integer({ min: 0, max: 12 }),
      minor: fc.integer({ min: 0, max: 30 }),
      maint: fc.integer({ min: 0, max: 12 }),
      sub: fc.integer({ min: 0, max: 3 }),
      interim: fc.integer({ min: 0, max: 300 }),
    })
    .map((v) => formatAsaVersion({ ...v, raw: '' }));

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        expect(Math.sign(compareAsaVersions(a, b))).toBe(-Math.sign(compareAsaVersions(b, a)) || 0);
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        if (compareAsaVersions(a, b) <= 0 && compareAsaVersions(b, c) <= 0) {
          expect(compareAsaVersions(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('is total and consistent with parse/format (equal exactly when the canonical forms are equal)', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        expect(formatAsaVersion(parseAsaVersion(a))).toBe(a);
        expect(compareAsaVersions(a, b) === 0).toBe(a === b);
      }),
    );
  });

  it('dotted and parenthesised forms of the same release compare equal', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(40), fc.nat(20), (major, minor, maint) => {
        expect(compareAsaVersions(`${major}.${minor}.${maint}`, `${major}.${minor}(${maint})`)).toBe(0);
      }),
    );
  });
});

describe('checkFixedIn (CSCwp10957 fixes: 9.20(4)14, 9.22(2)14, 9.23(1)22)', () => {
  const fixes = ['9.20(4)14', '9.22(2)14', '9.23(1)22'];
  it.each([
    ['9.20(4)13', true, '9.20(4)14', 'lower than 9.20(4)14'],
    ['9.20(2)', true, '9.20(4)14', 'lower than 9.20(4)14'],
    ['9.20(4)14', false, undefined, 'at or above'],
    ['9.20(4)22', false, undefined, 'at or above'],
    ['9.22(1.1)', true, '9.22(2)14', 'lower than 9.22(2)14'],
    ['9.22.3', false, undefined, 'at or above'],
    ['9.21(1)', true, '9.22(2)14', 'no fix in the 9.21 train; move to 9.22(2)14 or later'],
    ['9.18(4)', true, '9.20(4)14', 'no fix in the 9.18 train; move to 9.20(4)14 or later'],
    ['9.23(1)21', true, '9.23(1)22', 'lower than 9.23(1)22'],
    ['9.24(1)9', false, undefined, 'newer than every listed fixed train'],
    ['10.0(1)', false, undefined, 'newer than every listed fixed train'],
  ])('%s -> affected %s', (version, affected, upgradeTo, reason) => {
    const v = checkFixedIn(version, fixes);
    expect(v.affected).toBe(affected);
    expect(v.upgradeTo).toBe(upgradeTo);
    expect(v.reason).toContain(reason);
  });

  it('names the train', () => {
    expect(trainOf('9.20(4)14')).toBe('9.20');
    expect(checkFixedIn('9.20(1)', fixes).fixedIn).toBe('9.20(4)14');
  });
});
