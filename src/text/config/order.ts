// The order the ASA prints the lines inside a licensing configuration block, by their leading
// words: the emulator keeps its running config in this order, and the renderers (render.ts)
// print in it (a test holds them together), so `show running-config` is stable and Ansible's
// asa_config sees no change on a second run.

const CHILD_ORDER: [RegExp, number][] = [
  [/^feature tier\b/, 10],
  [/^throughput level\b/, 20],
  [/^transport type\b/, 30],
  [/^transport url\b/, 35],
  [/^transport proxy\b/, 40],
  [/^(no )?active\b/, 10],
  [/^destination address http\b/, 20],
  [/^destination address email\b/, 30],
  [/^destination transport-method\b/, 40],
  [/^http-proxy\b/, 5],
  [/^profile\b/, 50],
];

/** Rank of a line inside its block (lower first); lines we do not know come last. */
export function configChildRank(text: string): number {
  for (const [re, rank] of CHILD_ORDER) if (re.test(text)) return rank;
  return 100;
}
