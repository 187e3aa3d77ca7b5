import { describe, expect, it } from 'vitest';
import { ADVISORIES, advisoriesFor } from './advisories.ts';
import { VersionFormatError } from './errors.ts';

const ids = (q: Parameters<typeof advisoriesFor>[0]) =>
  advisoriesFor(q)
    .filter((a) => a.affected === true)
    .map((a) => a.id);

describe('advisoriesFor', () => {
  it.each([
    // CSCwp10957: all platforms, lower than 9.20(4)14, 9.22(2)14, 9.23(1)22
    [{ version: '9.20(4)13', platform: 'ASAv10' }, ['CSCwp10957']],
    [{ version: '9.22(2)14', platform: 'ASAv10' }, []],
    [{ version: '9.21(1)', platform: 'ASAv10' }, ['CSCwp10957']],
    [{ version: '9.24(1)9', platform: 'ASAv10' }, []],
    // CSCws62173: Firepower 2100 only, lower than 9.20(4)22, 9.22.3, 9.24(1)9
    [{ version: '9.20(4)14', platform: 'FPR-2130' }, ['CSCws62173']],
    [{ version: '9.20(4)14', platform: 'FPR-1010' }, []],
    [{ version: '9.22(2)14', platform: 'FPR-2110' }, ['CSCws62173']],
    [{ version: '9.22.3', platform: 'FPR-2110' }, []],
    [{ version: '9.23(1)22', platform: 'FPR-2140' }, ['CSCws62173']],
    [{ version: '9.20(2)', platform: 'FPR-2130' }, ['CSCwp10957', 'CSCws62173']],
    // CSCwr56980: only when a proxy is configured
    [{ version: '9.24(1)9', platform: 'ASAv10', proxyConfigured: true }, ['CSCwr56980']],
    [{ version: '9.24(1)9', platform: 'ASAv10', proxyConfigured: false }, []],
  ])('%j -> %j', (q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it('gives the upgrade target and the reason', () => {
    const [m] = advisoriesFor({ version: '9.21(1)', platform: 'ASAv10', proxyConfigured: false });
    expect(m).toMatchObject({ id: 'CSCwp10957', affected: true, upgradeTo: '9.22(2)14' });
    expect(m?.reason).toBe('no fix in the 9.21 train; move to 9.22(2)14 or later');
  });

  it('says "unknown" rather than guessing when facts are missing', () => {
    const all = advisoriesFor({});
    expect(all.map((a) => [a.id, a.affected])).toEqual([
      ['CSCwp10957', 'unknown'],
      ['CSCws62173', 'unknown'],
      ['CSCwr56980', 'unknown'],
    ]);
  });

  it('summaries only repeat the seed', () => {
    for (const a of ADVISORIES) expect(a.source).toMatch(/seed/);
  });

  it('rejects an unparseable version with the typed error', () => {
    expect(() => advisoriesFor({ version: 'latest' })).toThrow(VersionFormatError);
  });
});
