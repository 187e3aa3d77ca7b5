// The device's configuration as the ASA keeps it: an ordered tree of lines, children indented by
// one space. Lines we do not model (interfaces, ACLs from a startup-config) are kept verbatim;
// licensing lines are edited through small helpers that keep the ASA's order inside a block, so
// `show running-config` is stable and Ansible's asa_config sees no change on a second run.

import type { CallHomeConfig, LicenseConfig } from '../core/model.ts';
import { CALLHOME_URL } from '../core/transport.ts';
import { configChildRank, parseRunningConfig } from '../text/index.ts';

/** One configuration line and the lines nested under it. */
export interface ConfigLine {
  text: string;
  children: ConfigLine[];
}

/** Parse configuration text (a startup-config or `show running-config` output). */
export function parseConfigText(text: string): ConfigLine[] {
  const root: ConfigLine = { text: '', children: [] };
  const stack: { indent: number; line: ConfigLine }[] = [{ indent: -1, line: root }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || /^\s*[:!]/.test(line) || /^end$/.test(line) || /^ASA Version /.test(line))
      continue;
    const indent = line.length - line.trimStart().length;
    while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    const parent = stack.at(-1)?.line ?? root;
    const node: ConfigLine = { text: line.trim(), children: [] };
    parent.children.push(node);
    stack.push({ indent, line: node });
  }
  return root.children;
}

function renderLines(lines: ConfigLine[], depth: number, out: string[]): void {
  for (const line of lines) {
    out.push(' '.repeat(depth) + line.text);
    renderLines(line.children, depth + 1, out);
  }
}

/**
 * What every ASA's configuration holds for Call Home out of the box, as a real one prints it
 * (corpus joshrodd show-running-config-call-home, ASAv 9.5): reporting off, and Cisco TAC's
 * profile inactive with its two destinations, addresses before any transport method. That box
 * also has a `profile License`; whether that one is a default is not in our sources, so it is not
 * added here.
 */
const FACTORY_CALL_HOME = [
  'no call-home reporting anonymous',
  'call-home',
  ' profile CiscoTAC-1',
  '  no active',
  `  destination address http ${CALLHOME_URL}`,
  '  destination address email callhome@cisco.com',
].join('\n');

/** The running configuration of one emulated device. */
export class RunningConfig {
  constructor(public lines: ConfigLine[]) {}

  static fromText(text: string): RunningConfig {
    return new RunningConfig(parseConfigText(text));
  }

  /**
   * The configuration a device boots with from its startup-config: a startup-config without a
   * call-home block (a blank one, or a lab file's few licensing lines) gets the factory Call Home
   * lines; a saved one is taken as it is.
   */
  static boot(text: string): RunningConfig {
    const config = RunningConfig.fromText(text);
    if (!config.lines.some((l) => /^call-home( |$)/.test(l.text))) {
      const defaults = parseConfigText(FACTORY_CALL_HOME);
      const hasReporting = config.lines.some((l) => /^(no )?call-home reporting\b/.test(l.text));
      config.lines.push(...defaults.filter((l) => !(hasReporting && /reporting/.test(l.text))));
    }
    return config;
  }

  clone(): RunningConfig {
    return new RunningConfig(structuredClone(this.lines));
  }

  /** Every line, indented as the ASA prints it (no header). */
  bodyText(): string {
    const out: string[] = [];
    renderLines(this.lines, 0, out);
    return out.join('\n');
  }

  /** `show running-config call-home`: the reporting line and the call-home block. */
  callHomeSection(): string[] {
    const out: string[] = [];
    renderLines(
      this.lines.filter((l) => /^(no )?call-home( |$)/.test(l.text)),
      0,
      out,
    );
    return out;
  }

  /** Top-level blocks whose first line starts with `keyword` (e.g. `license`, `call-home`). */
  section(keyword: string): string[] {
    const out: string[] = [];
    const picked = this.lines.filter((l) => l.text === keyword || l.text.startsWith(`${keyword} `));
    renderLines(picked, 0, out);
    return out;
  }

  get hostname(): string | undefined {
    return this.find(this.lines, /^hostname /)?.text.slice('hostname '.length);
  }

  set hostname(name: string) {
    this.setTop(/^hostname /, `hostname ${name}`, true);
  }

  find(lines: ConfigLine[], re: RegExp): ConfigLine | undefined {
    return lines.find((l) => re.test(l.text));
  }

  /** The block whose line is exactly `text`, created (appended) when missing. */
  ensureBlock(text: string, parent?: ConfigLine): ConfigLine {
    const siblings = parent ? parent.children : this.lines;
    let block = siblings.find((l) => l.text === text);
    if (!block) {
      block = { text, children: [] };
      if (parent) this.insertOrdered(parent, block);
      else siblings.push(block);
    }
    return block;
  }

  removeBlock(text: string, parent?: ConfigLine): boolean {
    const siblings = parent ? parent.children : this.lines;
    const i = siblings.findIndex((l) => l.text === text);
    if (i < 0) return false;
    siblings.splice(i, 1);
    return true;
  }

  /** Set the one child matching `key` to `text` (replacing it), keeping the block's order. */
  setChild(block: ConfigLine, key: RegExp, text: string): void {
    const i = block.children.findIndex((l) => key.test(l.text));
    if (i >= 0) block.children[i] = { text, children: block.children[i]?.children ?? [] };
    else this.insertOrdered(block, { text, children: [] });
  }

  /** Add a child unless an identical line exists (repeatable lines such as destination addresses). */
  addChild(block: ConfigLine, text: string): void {
    if (!block.children.some((l) => l.text === text)) this.insertOrdered(block, { text, children: [] });
  }

  removeChildren(block: ConfigLine, key: RegExp): number {
    const before = block.children.length;
    block.children = block.children.filter((l) => !key.test(l.text));
    return before - block.children.length;
  }

  private insertOrdered(block: ConfigLine, line: ConfigLine): void {
    const rank = configChildRank(line.text);
    const at = block.children.findIndex((l) => configChildRank(l.text) > rank);
    if (at < 0) block.children.push(line);
    else block.children.splice(at, 0, line);
  }

  private setTop(key: RegExp, text: string, first: boolean): void {
    const i = this.lines.findIndex((l) => key.test(l.text));
    if (i >= 0) this.lines[i] = { text, children: [] };
    else if (first) this.lines.unshift({ text, children: [] });
    else this.lines.push({ text, children: [] });
  }

  /**
   * The `license smart` settings in the contract shape (src/core/model.ts), read from what
   * `show running-config license` prints by the text layer's reader: the device acts on exactly
   * what a collector would read from it.
   */
  licenseConfig(): LicenseConfig {
    return parseRunningConfig(this.section('license').join('\n')).data.license ?? { smart: false };
  }

  /** The `call-home` settings in the contract shape, read the same way. */
  callHomeConfig(): CallHomeConfig {
    const block = this.lines.filter((l) => l.text === 'call-home');
    const out: string[] = [];
    renderLines(block, 0, out);
    const { profiles = [], httpProxy } = parseRunningConfig(out.join('\n')).data.callHome ?? {};
    return httpProxy ? { profiles, httpProxy } : { profiles };
  }
}
