import { jsonDepth } from './body-limits';

const depth = (text: string, limit?: number) => jsonDepth(Buffer.from(text), limit);

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['[[],[[]],[]]', 3],
    ['{"a":"[[[{{{"}', 1],
    ['{"a":"\\\\"}', 1],
    ['{"a":"\\"[[["}', 1],
    ['{"a":"\\\\\\"[["}', 1],
  ])('reads %s as %i levels deep', (text, levels) => {
    expect(depth(text)).toBe(levels);
    expect(depth(text)).toBe(levelsOf(text));
  });

  it('stops counting past the limit', () => {
    expect(depth('['.repeat(100_000), 32)).toBe(33);
  });
});

/** The same measure from the parsed value, to check the byte scanner against. */
function levelsOf(text: string): number {
  const walk = (value: unknown): number =>
    typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(walk)) : 0;
  return walk(JSON.parse(text));
}
