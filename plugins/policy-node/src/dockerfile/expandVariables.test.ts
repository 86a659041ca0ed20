import { expandVariables } from './expandVariables';

const values: Record<string, string | null> = {
  VERSION: '20',
  EMPTY: '',
  UNSET: null,
};
const lookup = (name: string) => values[name];
const expand = (text: string) => expandVariables(text, lookup);

describe('expandVariables', () => {
  it.each([
    ['node:$VERSION', 'node:20'],
    ['node:${VERSION}-alpine', 'node:20-alpine'],
    ['node:${MISSING:-18}', 'node:18'],
    ['node:${UNSET:-18}', 'node:18'],
    ['node:${EMPTY:-18}', 'node:18'],
    ['node:${EMPTY-18}', 'node:'],
    ['node:${VERSION:-18}', 'node:20'],
    ['node${VERSION:+-slim}', 'node-slim'],
    ['node${EMPTY:+-slim}', 'node'],
    ['node${EMPTY+-slim}', 'node-slim'],
    ['node${MISSING+-slim}', 'node'],
    ['price \\$5', 'price $5'],
    ['${MISSING:-${VERSION}}', '20'],
  ])('%s → %s', (text, value) => {
    expect(expand(text)).toEqual({ value, unresolved: [] });
  });

  it('names the variables it cannot know, and leaves them as written', () => {
    expect(expand('${UNSET}/app:$MISSING')).toEqual({
      value: '${UNSET}/app:$MISSING',
      unresolved: ['UNSET', 'MISSING'],
    });
    expect(expand('node${UNSET:+-slim}').unresolved).toEqual(['UNSET']);
  });
});
