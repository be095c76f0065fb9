import { Random } from './random';

/**
 * Edge-biased text: plain ASCII most of the time, and often what breaks code that assumes it:
 * accents, combining marks, right-to-left and CJK scripts, astral characters (two UTF-16 units,
 * so a length limit is counted in units), zero-width joiners, a byte-order mark, quotes,
 * backslashes, percent signs, slashes and whitespace. Never the NUL character or a lone
 * surrogate: PostgreSQL cannot store them and every edge refuses them, so valid input has none.
 */
const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.';
const EDGES = [
  'é',
  'e\u0301',
  'ß',
  'ש',
  'ع',
  '模',
  '型',
  '🧪',
  '👩‍🔬',
  '\u200d',
  '\ufeff',
  ' ',
  '\t',
  '\n',
  '"',
  "'",
  '\\',
  '%',
  '/',
  '<',
  '\u00a0',
  '\u2028',
  '\uffff',
];

const CHUNK = 256;

export interface Bounds {
  min: number;
  max: number;
}

/**
 * How long a string or list is: short and typical, or (with probability `edgeBias`) exactly at a
 * bound or one inside it.
 */
export function edgeLength(random: Random, { min, max }: Bounds, typical = 12, edgeBias = 0.4): number {
  const usual = random.int(min, Math.min(max, min + typical));
  return random.chance(edgeBias)
    ? random.pick([min, Math.min(max, min + 1), max, Math.max(min, max - 1), usual])
    : usual;
}

/** Text of exactly `length` UTF-16 units, drawn from `alphabet` or, by default, the edge-biased mix. */
export function edgeString(random: Random, length: number, alphabet?: string[]): string {
  // Long text repeats a random chunk: limits are about length, and drawing each character is slow.
  if (length > 2 * CHUNK)
    return (
      edgeString(random, CHUNK, alphabet).repeat(Math.floor(length / CHUNK)) +
      edgeString(random, length % CHUNK, alphabet)
    );
  const unicode = alphabet === undefined && random.chance(0.4);
  let text = '';
  while (text.length < length) {
    const char = alphabet
      ? random.pick(alphabet)
      : unicode && random.chance(0.3)
        ? random.pick(EDGES)
        : ASCII[random.int(0, ASCII.length - 1)];
    // A character that would overflow the length (an astral one) is replaced by a one-unit one.
    text += text.length + char.length <= length ? char : ASCII[random.int(0, 25)];
  }
  return text;
}

/**
 * The characters of a pattern of the form ^[class]{n}$, ^[class]{m,n}$ or ^[class]+$ (the forms
 * message schemas use for digests and ids); undefined for anything else.
 */
export function simplePattern(pattern: string): { alphabet: string[]; bounds?: Bounds } | undefined {
  const match = /^\^\[([^\]^]+)\](?:\{(\d+)(?:,(\d+))?\}|(\+))\$$/.exec(pattern);
  if (!match) return undefined;
  const alphabet = expandClass(match[1]);
  if (match[4]) return { alphabet };
  const min = Number(match[2]);
  return { alphabet, bounds: { min, max: match[3] === undefined ? min : Number(match[3]) } };
}

function expandClass(body: string): string[] {
  const chars: string[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let code = body.charCodeAt(i); code <= body.charCodeAt(i + 2); code++) chars.push(String.fromCharCode(code));
      i += 2;
    } else chars.push(body[i]);
  }
  return chars;
}
