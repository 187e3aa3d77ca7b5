// HTML escaping for the report: device text (hostnames, failure reasons) is untrusted input.

/** HTML-escape text for element content and double- or single-quoted attributes. */
export function esc(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
