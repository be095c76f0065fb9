import { ManualClock } from '../time/clock';
import { reactionCommandId, reactionsTo } from '../reactors/reactor';
import { welcomeReactor } from './welcome.reactor';
import { userSignedUp } from './kit-fixtures';

describe('welcome reactor', () => {
  const source = { clock: new ManualClock('2026-02-02T10:00:00.000Z'), newId: () => 'fresh-id' };

  it("asks for a welcome in the new user's mailbox, addressed by user", () => {
    expect(welcomeReactor.react(userSignedUp('e1', 'u1'))).toEqual([
      { type: 'Notify', data: { userId: 'u1', text: 'Welcome, Ana!' } },
    ]);
    expect(reactionsTo(welcomeReactor, userSignedUp('e1', 'u1'), source).map((r) => r.streamId)).toEqual([
      'mailbox-u1',
    ]);
  });

  it('gives each command an id made of the reactor and the event, the same on every delivery', () => {
    const [first] = reactionsTo(welcomeReactor, userSignedUp('e1', 'u1'), source);
    const [again] = reactionsTo(welcomeReactor, userSignedUp('e1', 'u1'), source);
    expect(first.command.metadata.commandId).toBe('welcome:e1');
    expect(again.command.metadata.commandId).toBe(first.command.metadata.commandId);
  });

  it("keeps the command in the event's flow: the event is its cause and shares its correlation", () => {
    const [{ command }] = reactionsTo(welcomeReactor, userSignedUp('e1', 'u1'), source);
    expect(command.metadata).toMatchObject({
      causationId: 'e1',
      correlationId: 'flow-e1',
      actor: { id: 'welcome', kind: 'service' },
      now: '2026-02-02T10:00:00.000Z',
    });
  });

  it('numbers the commands of an event that asks for several, and reacts to nothing it does not handle', () => {
    expect([0, 1].map((i) => reactionCommandId('welcome', 'e1', i, 2))).toEqual(['welcome:e1:0', 'welcome:e1:1']);
    expect(reactionsTo(welcomeReactor, { ...userSignedUp('e2', 'u2'), type: 'UserRenamed' }, source)).toEqual([]);
  });
});
