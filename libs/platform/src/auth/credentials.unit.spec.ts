import { credentialsFrom } from './credentials';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('reading the Authorization header', () => {
  it('takes a Bearer token as it is, whatever the case of the scheme', () => {
    expect(credentialsFrom('Bearer mlt_abc')).toEqual({ scheme: 'bearer', token: 'mlt_abc' });
    expect(credentialsFrom('bearer mlt_abc')).toEqual({ scheme: 'bearer', token: 'mlt_abc' });
  });

  it('takes Basic as the principal name and the token, split at the first colon', () => {
    expect(credentialsFrom(basic('alice:mlt_x'))).toEqual({ scheme: 'basic', username: 'alice', token: 'mlt_x' });
    expect(credentialsFrom(basic('alice:a:b'))).toEqual({ scheme: 'basic', username: 'alice', token: 'a:b' });
  });

  it('says when there is no header', () => {
    expect(credentialsFrom(undefined)).toEqual({ scheme: 'none' });
  });

  it.each([
    ['an empty header', ''],
    ['a scheme without credentials', 'Bearer'],
    ['an unknown scheme', 'Digest abc'],
    ['a token with spaces', 'Bearer a b'],
    ['Basic that is not base64', 'Basic !!!'],
    ['Basic without a colon', basic('alice')],
    ['Basic without a user', basic(':token')],
  ])('calls %s malformed', (_, header) => {
    expect(credentialsFrom(header)).toEqual({ scheme: 'malformed' });
  });

  it('calls repeated headers malformed', () => {
    expect(credentialsFrom(['Bearer a', 'Bearer b'])).toEqual({ scheme: 'malformed' });
  });
});
