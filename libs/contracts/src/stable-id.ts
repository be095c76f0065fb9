const MASK = (1n << 64n) - 1n;
const PRIME = 0x100000001b3n;

/** FNV-1a, 64 bits, from a given offset basis: two bases give 128 bits of one text. */
function fnv1a64(text: string, basis: bigint): bigint {
  let hash = basis;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  return hash;
}

/**
 * A UUID-shaped id (version 8, "custom") derived from a text, the same on every run: a
 * redelivered RequestRollout names the same deployment, and a serving command decided twice
 * carries the same commandId. Domain code may not reach node:crypto, and these ids only need to
 * be distinct, not secret, so a 128-bit FNV-1a stands in for a cryptographic hash.
 */
export function stableId(text: string): string {
  const hex = [0xcbf29ce484222325n, 0x84222325cbf29ce4n]
    .map((basis) => fnv1a64(text, basis).toString(16).padStart(16, '0'))
    .join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The deployment a DeployModelVersion (a RequestRollout, or a RollBack that reloads a version)
 * starts, from its commandId: whoever sent the command knows which rollout to wait for.
 */
export const deploymentIdOf = (commandId: string): string => stableId(`deployment:${commandId}`);
