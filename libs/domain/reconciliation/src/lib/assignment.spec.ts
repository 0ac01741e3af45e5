import { EXACT_COMPONENT_LIMIT, hungarian, maxWeightAssignment, type Edge } from './assignment';

const total = (es: readonly Edge[]) => es.reduce((s, e) => s + e.weight, 0);

describe('maxWeightAssignment', () => {
  it('prefers two good pairs over one best pair (not greedy)', () => {
    // Row 0 - col 0 is the single best edge (90) but takes the only partner of row 1.
    const edges: Edge[] = [
      { row: 0, col: 0, weight: 90 },
      { row: 0, col: 1, weight: 60 },
      { row: 1, col: 0, weight: 80 },
    ];
    expect(maxWeightAssignment(2, 2, edges)).toEqual([edges[1], edges[2]]);
    expect(hungarian(2, 2, edges)).toEqual([edges[1], edges[2]]);
  });

  it('leaves a row unmatched when every column is better used elsewhere', () => {
    const edges: Edge[] = [
      { row: 0, col: 0, weight: 10 },
      { row: 1, col: 0, weight: 99 },
      { row: 2, col: 0, weight: 50 },
    ];
    expect(maxWeightAssignment(3, 1, edges)).toEqual([edges[1]]);
  });

  it(`solves a component larger than ${EXACT_COMPONENT_LIMIT} in time-ordered blocks, one-to-one and optimal on a chain`, () => {
    // Withdrawal i may go to deposit i (100) or i + 1 (50): one component of 300 x 301; the optimum takes every diagonal.
    const n = 300;
    const edges: Edge[] = [];
    for (let i = 0; i < n; i++) edges.push({ row: i, col: i, weight: 100 }, { row: i, col: i + 1, weight: 50 });
    const chosen = maxWeightAssignment(n, n + 1, edges);
    expect(new Set(chosen.map((e) => e.col)).size).toBe(chosen.length);
    expect(chosen.length).toBe(n);
    expect(total(chosen)).toBe(100 * n);
  });

  it('solves many small components independently', () => {
    const edges: Edge[] = [];
    for (let k = 0; k < 1000; k++) edges.push({ row: 2 * k, col: 2 * k, weight: 7 }, { row: 2 * k + 1, col: 2 * k, weight: 9 }, { row: 2 * k + 1, col: 2 * k + 1, weight: 3 });
    const chosen = maxWeightAssignment(2000, 2000, edges);
    // Per component: (0,0)=7 + (1,1)=3 = 10 beats (1,0)=9 alone.
    expect(total(chosen)).toBe(10_000);
    expect(chosen.length).toBe(2000);
  });
});
