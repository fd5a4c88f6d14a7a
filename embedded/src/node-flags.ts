/**
 * Node flags of the processes the product forks (gateway workers, distributed services).
 *
 * V8's young generation: a segment scan or an audience export keeps a page of thousands of
 * customers alive across several awaits, which outlives the default semi-space (16 MiB on
 * 64-bit) and gets promoted to the old generation, to be marked and compacted there. With
 * 64 MiB semi-spaces the page dies young: the export of a 100,000-person seed went from
 * 3,910 to 4,920 customers/s (bench:audience, 2 rounds each; GC was 29% of the process's
 * samples). The cost is memory: up to 3 × 64 MiB of young generation per process.
 * A `--max-semi-space-size` given by the operator (on the command line or in NODE_OPTIONS) wins.
 */
export const SEMI_SPACE_MIB = 64;

export function withYoungGeneration(
  execArgv: readonly string[],
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => a.startsWith('--max-semi-space-size'));
  return given ? [...execArgv] : [...execArgv, `--max-semi-space-size=${SEMI_SPACE_MIB}`];
}
