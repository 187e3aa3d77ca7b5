// Small builders for the command trees (command-tree.ts) the CLI modes are made of.

import type { CommandWord } from '../text/index.ts';
import type { Handler, Mode, ShowTopic } from './cli-context.ts';
import type { ArgSpec, CommandNode } from './command-tree.ts';

export type Node = CommandNode<Handler>;
type Extra = Partial<Pick<Node, 'children' | 'run' | 'negatedOnly'>>;

/** A keyword node; a word of the text layer's command table brings its minimum prefix. */
export const kw = (word: string | CommandWord, help: string, extra: Extra = {}): Node =>
  typeof word === 'string' ? { word, help, ...extra } : { word: word.word, min: word.min, help, ...extra };
/** An argument node. */
export const arg = (spec: ArgSpec, extra: Extra = {}): Node => ({ arg: spec, help: spec.help, ...extra });

export const WORD = (help: string, name = 'WORD'): ArgSpec => ({ name, help });
// Out of range (`port 99999`) is refused like any input the grammar cannot take: the caret under the
// number [assumed: no source shows the ASA's own words for an out-of-range port].
export const PORT: ArgSpec = { name: '<1-65535>', help: 'Port number', pattern: /^\d+$/, range: [1, 65535] };

/** Print what the device answers for a show topic. */
export const show =
  (topic: ShowTopic): Handler =>
  async (ctx) => {
    await ctx.print(await ctx.device.show(topic, ctx.session.context));
  };

/** Move the session to another mode. */
export const goto =
  (mode: Mode): Handler =>
  (ctx) => {
    ctx.session.mode = mode;
  };

/** `?` lists keywords alphabetically, as the ASA does. */
export function byWord(a: Node, b: Node): number {
  return (a.word ?? '').localeCompare(b.word ?? '');
}
