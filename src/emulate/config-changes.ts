// Configuration commands applied to the running config. Each change edits the line tree the way the
// ASA stores it (one line per setting, children in the ASA's order), so `show running-config`
// reflects exactly what was typed and a repeated change is a no-op.

import type { ConfigChange } from './cli-context.ts';
import type { RunningConfig } from './running-config.ts';

const SMART_KEYS = {
  'feature tier': /^feature tier\b/,
  'throughput level': /^throughput level\b/,
  'transport type': /^transport type\b/,
} as const;

/** Apply one change; returns the ASA's error line when it refuses, undefined otherwise. */
export function applyConfigChange(config: RunningConfig, change: ConfigChange): string | undefined {
  switch (change.kind) {
    case 'hostname':
      config.hostname = change.name;
      return undefined;
    case 'license-smart':
      if (change.negated) config.removeBlock('license smart');
      else config.ensureBlock('license smart');
      return undefined;
    case 'smart-lic': {
      const block = config.ensureBlock('license smart');
      const key = SMART_KEYS[change.setting];
      if (change.value === undefined) config.removeChildren(block, key);
      else config.setChild(block, key, `${change.setting} ${change.value}`);
      return undefined;
    }
    case 'transport-proxy': {
      const block = config.ensureBlock('license smart');
      if (change.host === undefined) config.removeChildren(block, /^transport proxy\b/);
      else config.setChild(block, /^transport proxy\b/, `transport proxy ${change.host} port ${change.port}`);
      return undefined;
    }
    case 'call-home':
      if (change.negated) config.removeBlock('call-home');
      else config.ensureBlock('call-home');
      return undefined;
    case 'call-home-proxy': {
      const block = config.ensureBlock('call-home');
      if (change.host === undefined) config.removeChildren(block, /^http-proxy\b/);
      else config.setChild(block, /^http-proxy\b/, `http-proxy ${change.host} port ${change.port}`);
      return undefined;
    }
    case 'profile': {
      const block = config.ensureBlock('call-home');
      if (change.negated) config.removeBlock(`profile ${change.name}`, block);
      else config.ensureBlock(`profile ${change.name}`, block);
      return undefined;
    }
    case 'banner': {
      const key = new RegExp(`^banner ${change.banner}( |$)`);
      if (change.text === undefined) config.lines = config.lines.filter((l) => !key.test(l.text));
      else {
        // A new line goes after the banner's last one, or at the end.
        const last = config.lines.findLastIndex((l) => key.test(l.text));
        const line = { text: `banner ${change.banner} ${change.text}`, children: [] };
        if (last < 0) config.lines.push(line);
        else config.lines.splice(last + 1, 0, line);
      }
      return undefined;
    }
    case 'profile-line': {
      const block = config.ensureBlock('call-home');
      const profile = config.ensureBlock(`profile ${change.profile}`, block);
      return applyProfileLine(config, profile, change.line, change.negated);
    }
  }
}

function applyProfileLine(
  config: RunningConfig,
  profile: ReturnType<RunningConfig['ensureBlock']>,
  line: string,
  negated: boolean,
): string | undefined {
  if (line === 'active') {
    // Profiles are active by default; only the negative form is stored.
    if (negated) config.setChild(profile, /^(no )?active$/, 'no active');
    else config.removeChildren(profile, /^(no )?active$/);
    return undefined;
  }
  if (line.startsWith('destination transport-method')) {
    if (negated) config.removeChildren(profile, /^destination transport-method\b/);
    else config.setChild(profile, /^destination transport-method\b/, line);
    return undefined;
  }
  if (negated) {
    const escaped = line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    config.removeChildren(profile, new RegExp(`^${escaped}$`));
  } else {
    config.addChild(profile, line);
  }
  return undefined;
}
