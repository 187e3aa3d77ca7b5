import { describe, expect, it } from 'vitest';
import { parseShowVersion, renderShowLicenseFeatures, renderShowVersion } from '../../src/text/index.ts';
import { corpusFiles, readCorpus, readFixture } from './corpus.ts';

describe('show version: corpus', () => {
  it.each(corpusFiles('show-version'))(
    '%s parses without warnings and round-trips through our renderer',
    (name) => {
      // genieparser's capture starts with the prompt line; the session splitter removes it, here we do.
      const text = readCorpus(name).replace(/^\S+# sho\S* ver\S*\n/, '');
      const { data, warnings } = parseShowVersion(text);
      expect(warnings).toEqual([]);
      expect(data.software?.version).toMatch(/^\d+\.\d+\(/);
      expect(data.features?.length).toBeGreaterThanOrEqual(18);
      expect(parseShowVersion(renderShowVersion(data))).toEqual({ data, warnings: [] });
      const features = parseShowVersion(renderShowLicenseFeatures(data)).data;
      expect(features.features).toEqual(data.features);
      expect(features.failoverClusterFeatures).toEqual(data.failoverClusterFeatures);
    },
  );

  it('ASAv unlicensed (genie 1, TAB-indented block)', () => {
    const { data } = parseShowVersion(readCorpus('show-version__genieparser-asa__1.txt'));
    expect(data).toMatchObject({
      software: { version: '9.8(4)10' },
      hardware: { model: 'ASAv', ramMb: 2048 },
      modelId: 'ASAv10',
      licenseMode: 'Smart Licensing',
      platformLicenseState: 'Unlicensed',
      serialNumber: '9A5BHB00D2D',
    });
    expect(data.features).toContainEqual({ name: 'AnyConnect Premium Peers', value: '2' });
    expect(data.notes).toContain('No active entitlement: no feature tier and no throughput level configured');
  });

  it('eval entitlement with CRLF (hpreston)', () => {
    const { data } = parseShowVersion(readCorpus('show-version__hpreston-devasc-inventory__1.txt'));
    expect(data).toMatchObject({
      activeEntitlement: 'ASAv-STD-1G',
      enforceMode: 'Eval period',
      hostname: 'edge-firewall01',
    });
  });

  it('multi-context Firepower 9300 with a failover cluster block (genie 3)', () => {
    const { data } = parseShowVersion(readCorpus('show-version__genieparser-asa__3.txt'));
    expect(data.software).toEqual({ version: '9.14(2)15', context: 'context' });
    expect(data.features).toContainEqual({ name: 'Security Contexts', value: '40' });
    expect(data.failoverClusterFeatures).toContainEqual({ name: 'Security Contexts', value: '50' });
  });

  it('PAK platform with a term column and the platform summary (ntc 4)', () => {
    const text = readCorpus('show-version__ntc-templates__4.txt');
    const { data } = parseShowVersion(text);
    expect(data.licenseMode).toBeUndefined();
    expect(data.features?.[0]).toEqual({
      name: 'Maximum Physical Interfaces',
      value: 'Unlimited',
      term: 'perpetual',
    });
    expect(data.platformLicenseSummary).toBe('This platform has a Base license.');
    // Our renderer aligns PAK lines exactly as the ASA does.
    const block = text.split('\n').filter((l) => l.endsWith('perpetual'));
    expect(
      renderShowVersion(data)
        .split('\n')
        .filter((l) => l.endsWith('perpetual')),
    ).toEqual(block);
  });

  it('reservation (unicon mock)', () => {
    expect(
      parseShowVersion(readCorpus('show-version__unicon-plugins-asa-mock__1.txt')).data.licenseReservation,
    ).toBe(true);
  });

  it('smart platform feature lines render column-aligned as in the corpus', () => {
    const text = readCorpus('show-version__ntc-templates__1.txt');
    const { data } = parseShowVersion(text);
    const real = text.split('\n').filter((l) => / {2,}: /.test(l) && !/^( |Image type|Key version)/.test(l));
    const ours = renderShowVersion(data)
      .split('\n')
      .filter((l) => / {2,}: /.test(l));
    expect(ours).toEqual(real);
  });
});

describe('licence header variants from public samples (ASAv eval, PLR, AWS PAYG)', () => {
  it('reads them and prints them back', () => {
    const text = [
      'License mode: AWS Licensing',
      'License state: LICENSED',
      'ASAv Platform License State: Licensed',
      'Active entitlement: ASAv-UNIVERSAL-V10, enforce mode: Authorized',
      'Firewall throughput limited to 1 Gbps',
      '',
      'Licensed features for this user context:',
      'Maximum VLANs                     : 50',
      'Failover cluster licensed features for this user context:',
      'Maximum VLANs                     : 50',
    ].join('\n');
    const { data, warnings } = parseShowVersion(text);
    expect(warnings).toEqual([]);
    expect(data).toEqual({
      licenseMode: 'AWS Licensing',
      licenseState: 'LICENSED',
      platformLicenseState: 'Licensed',
      activeEntitlement: 'ASAv-UNIVERSAL-V10',
      enforceMode: 'Authorized',
      throughputLimit: '1 Gbps',
      featuresScope: 'user context',
      features: [{ name: 'Maximum VLANs', value: '50' }],
      failoverClusterFeatures: [{ name: 'Maximum VLANs', value: '50' }],
    });
    expect(parseShowVersion(renderShowLicenseFeatures(data)).data).toEqual(data);
  });
});

describe('seed condition 2: the collapsed "Licensed features" block', () => {
  it('rebuilds every feature line and drops the <<<<<< annotation', () => {
    const second = readFixture('seed-condition-2.txt').split('\n')[1] ?? '';
    const { data, warnings } = parseShowVersion(second);
    expect(warnings).toEqual([]);
    expect(data.featuresScope).toBe('platform');
    expect(data.features).toHaveLength(18);
    expect(data.features).toContainEqual({ name: 'AnyConnect Premium Peers', value: '2' });
    expect(data.features).toContainEqual({ name: 'Total TLS Proxy Sessions', value: '2' });
    expect(data.features?.at(-1)).toEqual({ name: 'Cluster', value: 'Enabled' });
  });
});
