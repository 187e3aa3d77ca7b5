// Which command a saved file holds, from its name (`show-license-all.txt`,
// `show_version__lab1.txt`): the naming `--save-raw` and corpora use. What the typed words mean
// is the text layer's command table (src/text/commands.ts).

import { type KnownCommand, resolveCommand } from '../../text/index.ts';

/** A command named by a file: `show-license-all__ntc__1.txt` -> `show license all`. */
export function commandFromFileName(name: string): KnownCommand | undefined {
  const stem = name
    .replace(/\.[A-Za-z0-9]+$/, '')
    .split('__')[0]
    ?.replace(/[-_]+/g, ' ')
    .replace(/\brunning config\b/, 'running-config')
    .replace(/\bcall home\b/, 'call-home');
  if (!stem) return undefined;
  const r = resolveCommand(stem);
  // Every word of the name must belong to the command: `show-license-all-notes.txt` names none.
  return r.remainder === '' ? r.name : undefined;
}
