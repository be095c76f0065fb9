import { z } from 'zod';
import {
  identityCommands,
  identityEvents,
  PrincipalNameSchema,
  Sha256Schema,
  TokenIdSchema,
  TokenIssued,
} from '@ledger/contracts';
import { decideGeneratedHistories, Random } from '@ledger/testing';
import { principalDecider } from './principal.decider';
import { PrincipalState } from './principal';

/*
 * The general guard: whatever valid commands arrive, in whatever order, every event the
 * principal decides is one its own catalog accepts (a bad one is a 500 on HTTP and a poison
 * message for every consumer of ml.identity.events). Deterministic: a failure names its seed
 * and history, and replays exactly.
 */
const SEED = 20_261_204;
const HISTORIES = 300;
const COMMANDS_PER_HISTORY = 16;

// The catalog's commands and the internal ones, with the shapes the HTTP edge and the bootstrap give them.
const commands = new Map<string, z.ZodType>([
  ...identityCommands.definitions().map((definition) => [definition.type, definition.schema] as const),
  [
    'IssueToken',
    TokenIssued.schema.pick({ name: true, tokenId: true, secretSha256: true, label: true, expiresAt: true }),
  ],
  ['BootstrapAdmin', z.strictObject({ name: PrincipalNameSchema, tokenId: TokenIdSchema, secretSha256: Sha256Schema })],
]);
// Tokens come and go most, so histories reach the limit and revoke what they issued.
const TYPES = [
  'SetPrincipalRoles',
  'DisablePrincipal',
  'IssueToken',
  'IssueToken',
  'IssueToken',
  'RevokeToken',
  'RevokeToken',
];

describe('the principal decider, on generated histories of valid commands', () => {
  it(`decides only events its catalog accepts (${HISTORIES} histories, seed ${SEED})`, () => {
    const decided = decideGeneratedHistories({
      decider: principalDecider,
      events: identityEvents,
      commands,
      first: ['CreatePrincipal', 'BootstrapAdmin'],
      then: TYPES,
      aim,
      seed: SEED,
      histories: HISTORIES,
      commandsPerHistory: COMMANDS_PER_HISTORY,
    });
    // Guards the guard: many commands must be accepted, or the histories explore nothing.
    expect(decided).toBeGreaterThan(HISTORIES * COMMANDS_PER_HISTORY * 0.3);
  });
});

/** Points a generated command at this principal and its tokens most of the time, so histories get past "not found"; still valid. */
function aim(
  type: string,
  data: Record<string, unknown>,
  state: PrincipalState,
  random: Random,
): Record<string, unknown> {
  const aimed = { ...data };
  if (state.name !== null && random.chance(0.9)) aimed.name = state.name;
  const tokens = Object.keys(state.tokens);
  if (type === 'RevokeToken' && tokens.length > 0 && random.chance(0.8)) aimed.tokenId = random.pick(tokens);
  if (type === 'IssueToken' && random.chance(0.5)) aimed.expiresAt = null;
  return aimed;
}
