import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { parseLabDevices } from './device-spec.ts';

describe('parseLabDevices', () => {
  it('reads devices with defaults and a scenario by name or with shifts', () => {
    const devices = parseLabDevices(
      'authority: {}\ndevices:\n  - name: a\n    licensing: comm-failing\n  - name: b\n    licensing: { scenario: auth-expired, brokenDaysAgo: 120 }\n',
      'lab.yaml',
    );
    expect(devices[0]).toMatchObject({
      name: 'a',
      platform: 'ASAv10',
      port: 0,
      username: 'admin',
      sshTimeout: 5,
      licensing: { scenario: 'comm-failing' },
    });
    expect(devices[1]?.licensing).toEqual({ scenario: 'auth-expired', brokenDaysAgo: 120 });
  });

  it.each([
    ['devices:\n  - name: a\n    port: 70000\n', 'lab.yaml:3:11: devices.0.port'],
    ['devices:\n  - name: a\n    sshTimeout: 61\n', 'lab.yaml:3:17: devices.0.sshTimeout'],
    ['devices:\n  - name: a\n    licensing: lost\n', 'lab.yaml:3:16: devices.0.licensing'],
    ['devices:\n  - name: a\n  - name: a\n', 'two devices are named "a"'],
    ['devices: [\n', 'lab.yaml:2:1: YAML'],
    ['other: 1\n', 'lab.yaml:1:1: devices'],
  ])('names the file, line and column: %j', (text, expected) => {
    let error: unknown;
    try {
      parseLabDevices(text, 'lab.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).oneLine()).toContain(expected);
    expect((error as InputError).code).toBe('LAB_FILE');
  });
});
