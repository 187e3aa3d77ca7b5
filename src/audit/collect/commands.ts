// Recognising which command an output belongs to: from a typed (maybe abbreviated) command, from
// a file name (`show-license-all.txt`, `show_version__lab1.txt`), or from the text itself.

/** Full command names the audit knows, as DESIGN.md's parse contract names them. */
export const KNOWN_COMMANDS = [
  'show version',
  'show license all',
  'show license status',
  'show license summary',
  'show license features',
  'show license udi',
  'show license usage',
  'show running-config license',
  'show running-config call-home',
  'show running-config',
  'show clock',
  'show context',
  'show failover',
  'show curpriv',
  'terminal pager 0',
  'changeto system',
] as const;

/** `sh lic all` -> `show license all`; unknown or ambiguous input comes back trimmed, as typed. */
export function expandCommand(typed: string): string {
  const words = typed.trim().split(/\s+/);
  const hits = KNOWN_COMMANDS.filter((full) => {
    const fw = full.split(' ');
    return (
      fw.length === words.length &&
      fw.every((w, i) => {
        const t = (words[i] ?? '').toLowerCase();
        return t === w || (t.length >= 2 && w.startsWith(t));
      })
    );
  });
  return hits.length === 1 ? (hits[0] as string) : words.join(' ');
}

/** A command named by a file: `show-license-all__ntc__1.txt` -> `show license all`. */
export function commandFromFileName(name: string): string | undefined {
  const stem = name
    .replace(/\.[A-Za-z0-9]+$/, '')
    .split('__')[0]
    ?.replace(/[-_]+/g, ' ')
    .replace(/\brunning config\b/, 'running-config')
    .replace(/\bcall home\b/, 'call-home');
  if (!stem || !/^(show|sh)\b/i.test(stem)) return undefined;
  const full = expandCommand(stem);
  return (KNOWN_COMMANDS as readonly string[]).includes(full) ? full : undefined;
}

/** Guess the command of a bare output (no prompt, no file name hint) from its content. */
export function commandFromContent(text: string): string | undefined {
  if (/Smart Licensing Status\s*\n=+/.test(text)) return 'show license all';
  if (/^\s*Cisco Adaptive Security Appliance Software Version/m.test(text)) return 'show version';
  if (/^Licensed features for this (platform|user context):/m.test(text)) return 'show license features';
  if (/^\s*Smart Licensing is (ENABLED|DISABLED)/m.test(text))
    return /^\s*Transport:/m.test(text) ? 'show license status' : 'show license summary';
  const license = /^license smart\b/m.test(text);
  const callHome = /^call-home\b/m.test(text);
  if (license && callHome) return 'show running-config';
  if (license) return 'show running-config license';
  if (callHome) return 'show running-config call-home';
  if (/^\*?\d\d:\d\d:\d\d(\.\d+)? \S+ \w{3} \w{3} \d+ \d{4}\s*$/m.test(text)) return 'show clock';
  return undefined;
}
