// One model, read back: the core's scenarios (the states the emulator boots devices in) are
// printed by the text layer's renderer exactly as an emulated ASA prints them, and the audit
// reads that text back into the seed condition each scenario stands for.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/audit/diagnose/index.ts';
import { snapshotFromOutputs } from '../../src/audit/diagnose/parse-outputs.ts';
import { toLicenseView } from '../../src/core/agent/view.ts';
import { scenarioState } from '../../src/core/scenarios.ts';
import { renderShowLicenseAll } from '../../src/text/index.ts';
import { fileCollection } from './inputs.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const SMART = { type: 'smart', url: 'https://smartreceiver.cisco.com/licservice/license' } as const;

function auditScenario(name: Parameters<typeof scenarioState>[0]) {
  const view = toLicenseView(scenarioState(name, NOW), NOW, { transport: SMART });
  const text = renderShowLicenseAll(view);
  const c = fileCollection(name, { 'show license all': text }, new Date(NOW).toISOString());
  return diagnose(c, snapshotFromOutputs(c.outputs, c.collectedAt), NOW);
}
const codes = (name: Parameters<typeof scenarioState>[0]) => auditScenario(name).findings.map((f) => f.code);

describe('core scenarios rendered as the ASA prints them, audited back', () => {
  it('registered: nothing worse than info', () => {
    expect(auditScenario('registered').worst).toBe('info');
    expect(codes('registered')).toEqual(['TRANSPORT_SMART']);
  });
  it('comm-failing: COMM_FAILING (seed condition 1)', () => {
    expect(codes('comm-failing')).toContain('COMM_FAILING');
    expect(codes('comm-failing')).not.toContain('AUTH_EXPIRED');
  });
  it('auth-expired: AUTH_EXPIRED (seed condition 2)', () => {
    expect(codes('auth-expired')).toContain('AUTH_EXPIRED');
  });
  it('registration-lost: REGISTRATION_LOST, EVAL_MODE, EXPORT_CONTROL_NOT_ALLOWED (seed condition 3)', () => {
    expect(codes('registration-lost')).toEqual(
      expect.arrayContaining(['REGISTRATION_LOST', 'EVAL_MODE', 'EXPORT_CONTROL_NOT_ALLOWED']),
    );
  });
  it('unregistered-eval: UNREGISTERED and EVAL_MODE', () => {
    expect(codes('unregistered-eval')).toEqual(expect.arrayContaining(['UNREGISTERED', 'EVAL_MODE']));
  });
});
