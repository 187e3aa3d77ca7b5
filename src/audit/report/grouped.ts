// Repeated problems said once: eight devices missing the same password variable are one line with
// the count and the names, not eight lines (and never eight times three).

/** One problem and every subject (device) it was reported for, in first-seen order. */
export interface Grouped {
  message: string;
  subjects: string[];
}

/** Group `{subject, message}` pairs by identical message, in order of first appearance. */
export function groupByMessage(items: Iterable<{ subject: string; message: string }>): Grouped[] {
  const groups = new Map<string, Grouped>();
  for (const { subject, message } of items) {
    const g = groups.get(message);
    if (g) g.subjects.push(subject);
    else groups.set(message, { message, subjects: [subject] });
  }
  return [...groups.values()];
}

/** `fw1` or `3 devices (fw1, fw2, fw3)`, naming at most `show` of them. */
export function namesOf(subjects: string[], show = 5): string {
  if (subjects.length === 1) return subjects[0] as string;
  const named = subjects.slice(0, show).join(', ');
  const more = subjects.length > show ? `, and ${subjects.length - show} more` : '';
  return `${subjects.length} devices (${named}${more})`;
}

/** `fw1: message` or `3 devices (fw1, fw2, fw3): message`. */
export function groupedLine(g: Grouped): string {
  return `${namesOf(g.subjects)}: ${g.message}`;
}
