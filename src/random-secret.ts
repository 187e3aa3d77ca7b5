// Random secrets (ID tokens, certificate secrets, the lab's control token and login password):
// one generator, from the operating system's CSPRNG.

import { randomBytes } from 'node:crypto';

/** A random URL-safe secret of `bytes` bytes (base64url, so `4/3 × bytes` characters). */
export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
