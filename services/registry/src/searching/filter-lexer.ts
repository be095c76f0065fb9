import { ValidationError } from '@ledger/contracts';

/**
 * Tokens of MLflow's search filter language. MLflow hands the filter to a SQL tokenizer
 * (sqlparse); we tokenize the small subset it accepts ourselves so the rules are explicit and
 * nothing the user typed ever reaches SQL text.
 */
export type Token =
  | { kind: 'word'; text: string } // identifier, possibly dotted, possibly with a quoted tail: tags.`a b`
  | { kind: 'string'; text: string; value: string; quote: "'" | '"' }
  | { kind: 'backquoted'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'punct'; text: '(' | ')' | ',' | ';' };

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(?![A-Za-z_])/;
const OPERATORS = ['<=', '>=', '!=', '<>', '==', '=', '<', '>'];

export function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < filter.length) {
    if (/\s/.test(filter[at])) {
      at++;
      continue;
    }
    const [token, next] = readToken(filter, at);
    tokens.push(token);
    at = next;
  }
  return tokens;
}

function readToken(src: string, at: number): [Token, number] {
  const c = src[at];
  if (c === "'" || c === '"') return readString(src, at, c);
  if (c === '`') {
    const end = closingQuote(src, at, '`');
    return [{ kind: 'backquoted', text: src.slice(at, end + 1) }, end + 1];
  }
  if (WORD_START.test(c)) return readWord(src, at);
  const number = NUMBER.exec(src.slice(at));
  if (number) return [{ kind: 'number', text: number[0] }, at + number[0].length];
  const op = OPERATORS.find((o) => src.startsWith(o, at));
  if (op) return [{ kind: 'op', text: op }, at + op.length];
  if (c === '(' || c === ')' || c === ',' || c === ';') return [{ kind: 'punct', text: c }, at + 1];
  throw new ValidationError(
    `Invalid filter '${src}'. Could not be parsed: unexpected character '${c}' at position ${at}`,
  );
}

/** SQL string literal: a doubled quote or a backslash escapes the quote character. */
function readString(src: string, at: number, quote: "'" | '"'): [Token, number] {
  const end = closingQuote(src, at, quote);
  const raw = src.slice(at + 1, end);
  const value = raw.replace(new RegExp(`${quote}${quote}|\\\\${quote}`, 'g'), quote);
  return [{ kind: 'string', text: src.slice(at, end + 1), value, quote }, end + 1];
}

function closingQuote(src: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < src.length) {
    if (src[i] === '\\' && src[i + 1] === quote) i += 2;
    else if (src[i] === quote && src[i + 1] === quote) i += 2;
    else if (src[i] === quote) return i;
    else i++;
  }
  throw new ValidationError(
    `Invalid filter '${src}'. Could not be parsed: unterminated ${quote} quote starting at position ${at}`,
  );
}

/** A dotted identifier; after a dot a quoted segment is allowed, as in ``tags.`my key` ``. */
function readWord(src: string, at: number): [Token, number] {
  let i = at;
  for (;;) {
    while (i < src.length && WORD_PART.test(src[i])) i++;
    if (src[i] !== '.') break;
    const next = src[i + 1];
    if (next === '`' || next === '"' || next === "'") {
      i = closingQuote(src, i + 1, next) + 1;
      break;
    }
    if (next === undefined || !WORD_PART.test(next)) break;
    i++;
  }
  return [{ kind: 'word', text: src.slice(at, i) }, i];
}

export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.kind === 'word' && token.text.toUpperCase() === keyword;
}
