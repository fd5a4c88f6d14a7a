import { SEMI_SPACE_MIB, withYoungGeneration } from './node-flags';

describe('the flags of forked product processes', () => {
  it('give a young generation sized for page-sized batches, after the flags inherited', () => {
    expect(withYoungGeneration(['--import', 'tsx'], '')).toEqual([
      '--import',
      'tsx',
      `--max-semi-space-size=${SEMI_SPACE_MIB}`,
    ]);
  });

  it("leave the operator's own semi-space size alone, from the command line or NODE_OPTIONS", () => {
    expect(withYoungGeneration(['--max-semi-space-size=16'], '')).toEqual(['--max-semi-space-size=16']);
    expect(withYoungGeneration([], '--max-old-space-size=4096  --max-semi-space-size=32')).toEqual([]);
  });
});
