/** A candidate pair: row (withdrawal) index, column (deposit) index, integer weight > 0. */
export interface Edge {
  readonly row: number;
  readonly col: number;
  readonly weight: number;
}

/** Components bigger than this (on the smaller side) are solved in time-ordered blocks of this many rows. */
export const EXACT_COMPONENT_LIMIT = 120;

/**
 * Maximum-weight one-to-one assignment (unmatched allowed) of a small bipartite graph by the Hungarian algorithm:
 * O(n^2 (n + m)) for n rows, m columns. Rows map to nothing, a dummy column, when that is better.
 * Returns the chosen edges in row order.
 */
export function hungarian(rows: number, cols: number, edges: readonly Edge[]): Edge[] {
  if (edges.length === 0) return [];
  if (edges.length === 1) return [edges[0]];
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = (transpose ? rows : cols) + n; // n dummy columns: "unmatched" at cost 0
  const cost = new Float64Array(n * m);
  const byCell = new Map<number, Edge>();
  for (const e of edges) {
    const r = transpose ? e.col : e.row;
    const c = transpose ? e.row : e.col;
    const cell = r * m + c;
    if (-e.weight < cost[cell]) {
      cost[cell] = -e.weight;
      byCell.set(cell, e);
    }
  }
  // e-maxx formulation, 1-based: u/v potentials, p[col] = row assigned to col, way = augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const chosen: Edge[] = [];
  for (let j = 1; j <= m; j++) {
    if (p[j] === 0) continue;
    const e = byCell.get((p[j] - 1) * m + (j - 1));
    if (e !== undefined) chosen.push(e);
  }
  return chosen.sort((a, b) => a.row - b.row);
}

/**
 * Maximum-weight one-to-one assignment over a sparse bipartite graph: split into connected components
 * (union-find, near O(E)); single edges are taken directly, components up to EXACT_COMPONENT_LIMIT per side are solved
 * exactly (Hungarian), larger ones in time-ordered blocks of that many rows (rows are indexed in time order), columns
 * used by an earlier block being unavailable to later ones.
 */
export function maxWeightAssignment(rowCount: number, colCount: number, edges: readonly Edge[]): Edge[] {
  const parent = new Int32Array(rowCount + colCount);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const e of edges) {
    const a = find(e.row);
    const b = find(rowCount + e.col);
    if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
  }
  const components = new Map<number, Edge[]>();
  for (const e of edges) {
    const root = find(e.row);
    let list = components.get(root);
    if (list === undefined) components.set(root, (list = []));
    list.push(e);
  }
  const chosen: Edge[] = [];
  for (const list of components.values()) {
    if (list.length === 1) chosen.push(list[0]);
    else chosen.push(...solveComponent(list));
  }
  return chosen.sort((a, b) => a.row - b.row);
}

function solveComponent(edges: readonly Edge[]): Edge[] {
  const rows = [...new Set(edges.map((e) => e.row))].sort((a, b) => a - b);
  const cols = [...new Set(edges.map((e) => e.col))].sort((a, b) => a - b);
  if (Math.min(rows.length, cols.length) <= EXACT_COMPONENT_LIMIT) return solveLocal(rows, cols, edges);
  const chosen: Edge[] = [];
  const usedCols = new Set<number>();
  const byRow = new Map<number, Edge[]>();
  for (const e of edges) {
    let list = byRow.get(e.row);
    if (list === undefined) byRow.set(e.row, (list = []));
    list.push(e);
  }
  for (let start = 0; start < rows.length; start += EXACT_COMPONENT_LIMIT) {
    const block = rows.slice(start, start + EXACT_COMPONENT_LIMIT);
    const blockEdges = block.flatMap((r) => (byRow.get(r) ?? []).filter((e) => !usedCols.has(e.col)));
    const blockCols = [...new Set(blockEdges.map((e) => e.col))].sort((a, b) => a - b);
    for (const e of solveLocal(block, blockCols, blockEdges)) {
      usedCols.add(e.col);
      chosen.push(e);
    }
  }
  return chosen;
}

function solveLocal(rows: readonly number[], cols: readonly number[], edges: readonly Edge[]): Edge[] {
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(cols.map((c, i) => [c, i]));
  const local = edges.map((e) => ({ row: rowIndex.get(e.row) ?? 0, col: colIndex.get(e.col) ?? 0, weight: e.weight, edge: e }));
  const picked = hungarian(rows.length, cols.length, local);
  return picked.map((e) => (e as (typeof local)[number]).edge);
}
