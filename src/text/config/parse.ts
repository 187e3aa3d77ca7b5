// Parser for `show running-config license`, `show running-config call-home` and the licensing
// parts of a full `show running-config`. The ASA indents sub-commands by one space per level;
// pasted snippets often lose the indentation (the seed's `show run license` sample), so
// sub-commands are also recognised by their keyword.

import type {
  CallHomeConfig,
  CallHomeProfile,
  LicenseConfig,
  ParseWarning,
  RunningConfigData,
} from '../../core/model.ts';
import { isSpace, trimStartAt } from '../chars.ts';
import { addWarning, excerpt } from '../limits.ts';
import { indentOf, type Line } from '../normalize.ts';
import { type OutputParser, type ParseResult, parseLines } from '../output-parser.ts';

const LICENSE_SUB =
  /^(feature|throughput|transport|privacy|utility|no (feature|transport|privacy|utility))\b/;
const CALLHOME_SUB =
  /^(profile|http-proxy|contact-email-addr|contact-name|phone-number|street-address|customer-id|site-id|contract-id|sender|mail-server|alert-group|source-interface|vrf)\b/;
const PROFILE_SUB = /^(active|no active|destination|subscribe-to-alert-group|no destination)\b/;

export interface RunningConfigParseOptions {
  /** A full `show running-config`: unrelated top-level lines are expected and skipped quietly. */
  full?: boolean;
}

const proxyOf = (host: string | undefined, port: string | undefined) => ({
  host: host ?? '',
  port: Number(port),
});

function licenseOf(data: RunningConfigData): LicenseConfig {
  data.license ??= { smart: false };
  return data.license;
}

function callHomeOf(data: RunningConfigData): CallHomeConfig {
  data.callHome ??= { profiles: [] };
  return data.callHome;
}

// `license smart` sub-commands, tried in order until one matches (so a line runs one or two
// regular expressions, not all of them).
const LICENSE_RULES: [RegExp, (l: LicenseConfig, m: RegExpExecArray) => void][] = [
  [/^feature tier (\S+)$/, (l, m) => (l.featureTier = m[1] ?? '')],
  [/^throughput level (\S+)$/, (l, m) => (l.throughputLevel = m[1] ?? '')],
  [
    /^transport (type|url) (\S+)$/,
    (l, m) => {
      // In place (the object is this config's own): same keys, same order as a spread copy.
      l.transport ??= {};
      l.transport[m[1] === 'url' ? 'url' : 'type'] = m[2] ?? '';
    },
  ],
  [
    /^transport proxy (\S+) port (\d+)$/,
    (l, m) => {
      l.transport ??= {};
      l.transport.proxy = proxyOf(m[1], m[2]);
    },
  ],
];

function licenseSubcommand(l: LicenseConfig, t: string): void {
  // Every rule starts with `feature`, `throughput` or `transport`.
  const c = t.charCodeAt(0);
  if (c === 102 || c === 116)
    for (const [re, apply] of LICENSE_RULES) {
      const m = re.exec(t);
      if (m) {
        apply(l, m);
        return;
      }
    }
  l.other ??= [];
  l.other.push(t);
}

/** Applies one line inside `call-home`; returns the profile that is open afterwards. */
function callHomeSubcommand(
  c: CallHomeConfig,
  profile: CallHomeProfile | undefined,
  t: string,
  indent: number,
): CallHomeProfile | undefined {
  // Each pattern below starts with a literal word: a line starting with another letter skips it.
  const c0 = t.charCodeAt(0);
  const name = c0 === 112 /* p */ ? /^profile (\S+)$/.exec(t) : null;
  if (name) {
    const p: CallHomeProfile = { name: name[1] ?? '', active: true, destinations: {} };
    c.profiles.push(p);
    return p;
  }
  const proxy = c0 === 104 /* h */ ? /^http-proxy (\S+) port (\d+)$/.exec(t) : null;
  if (proxy) {
    c.httpProxy = proxyOf(proxy[1], proxy[2]);
    return undefined;
  }
  if (!profile || (indent === 1 && !PROFILE_SUB.test(t))) {
    c.other ??= [];
    c.other.push(t);
    return undefined;
  }
  if (t === 'active' || t === 'no active') {
    profile.active = t === 'active';
    return profile;
  }
  const address = c0 === 100 /* d */ ? /^destination address (http|email) (\S+)$/.exec(t) : null;
  const method = address || c0 !== 100 ? null : /^destination transport-method (\S+)$/.exec(t);
  if (address) {
    const key = address[1] === 'http' ? 'addressHttp' : 'addressEmail';
    profile.destinations[key] ??= [];
    profile.destinations[key].push(address[2] ?? '');
  } else if (method) {
    profile.destinations.transportMethod = method[1] ?? '';
    profile.transportMethod = method[1] ?? '';
  } else {
    profile.other ??= [];
    profile.other.push(t);
  }
  return profile;
}

// A config block pasted onto one line ("license smart feature tier standard throughput level 1G"):
// cut before each sub-command keyword that follows a space. Only lines that open a block and go
// on are cut, so URLs and names inside ordinary lines are never split.
const COLLAPSED_CUT =
  / (?=(?:feature tier|throughput level|transport (?:type|url|proxy)|privacy|profile|http-proxy|no active|active|destination (?:address|transport-method)|call-home(?! reporting)|license smart)\b)/g;

const OPENS_COLLAPSED = /^\s*(license smart|call-home(?! reporting)) \S/;
/** Reads a running-config output (or part of one) a line at a time. */
export class RunningConfigParser implements OutputParser<RunningConfigData> {
  private readonly data: RunningConfigData = {};
  private readonly warnings: ParseWarning[] = [];
  private block: 'license' | 'callhome' | undefined;
  private profile: CallHomeProfile | undefined;

  constructor(private readonly opts: RunningConfigParseOptions = {}) {}

  line(src: string, start: number, end: number, n: number): void {
    if (start === end) return; // a blank line says nothing
    // Cleaned lines have no trailing blanks: trimming the start is mostly all trim() would do.
    const from = trimStartAt(src, start, end);
    const c = src.charCodeAt(from);
    if ((c === 108 || c === 99) && OPENS_COLLAPSED.test(src.slice(start, end))) {
      for (const piece of src.slice(start, end).trim().split(COLLAPSED_CUT))
        this.read(piece.trim(), indentOf(piece), n);
      return;
    }
    const t = src.slice(from, end);
    this.read(end > from && isSpace(src.charCodeAt(end - 1)) ? t.trimEnd() : t, indentOf(src, start, end), n);
  }

  result(): ParseResult<RunningConfigData> {
    return { data: this.data, warnings: this.warnings };
  }

  /** Reads one line: `t`, trimmed, that was indented by `indent` spaces. */
  private read(t: string, indent: number, n: number): void {
    const data = this.data;
    // `[..]` is how people mark an elision when they paste (the seed does).
    if (t === '' || t === '!' || t.startsWith(':') || t === '[..]' || t === '[...]' || t === '...') return;
    if (this.block === 'license' && (indent > 0 || LICENSE_SUB.test(t))) {
      licenseSubcommand(licenseOf(data), t);
      return;
    }
    if (
      this.block === 'callhome' &&
      (indent > 0 || CALLHOME_SUB.test(t) || (this.profile && PROFILE_SUB.test(t)))
    ) {
      this.profile = callHomeSubcommand(callHomeOf(data), this.profile, t, indent);
      return;
    }

    this.block = undefined;
    this.profile = undefined;
    if (t === 'license smart') {
      licenseOf(data).smart = true;
      this.block = 'license';
    } else if (t === 'call-home') {
      callHomeOf(data);
      this.block = 'callhome';
    } else if (/^(no )?call-home reporting anonymous$/.test(t)) {
      callHomeOf(data).reportingAnonymous = !t.startsWith('no ');
    } else if (/^hostname \S+$/.test(t)) {
      data.hostname = t.slice('hostname '.length);
    } else if (!this.opts.full && !/^(ASA Version|Cryptochecksum|end$)/.test(t)) {
      addWarning(this.warnings, {
        line: n,
        message: 'unrecognised line in a running-config license / call-home output',
        text: excerpt(t),
      });
    }
  }
}

/** Parses the lines of a running-config output (or part of one). */
export function parseRunningConfigLines(
  lines: Line[],
  opts: RunningConfigParseOptions = {},
): ParseResult<RunningConfigData> {
  return parseLines(new RunningConfigParser(opts), lines);
}
