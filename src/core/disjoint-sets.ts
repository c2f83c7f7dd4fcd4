// Disjoint sets (union-find) with path compression; the smaller root wins a union, so a set's root
// is its smallest member and results do not depend on the order of unions.

/** Disjoint sets over the integers 0..size-1, in a typed array (for hot loops). */
export class DenseDisjointSets {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }

  /** The root of x's set: its smallest member. */
  find(x: number): number {
    const parent = this.parent;
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    for (let y = x; y !== r;) {
      const next = parent[y]!;
      parent[y] = r;
      y = next;
    }
    return r;
  }

  /** Joins the sets of a and b; false when they were one already. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

/** Disjoint sets over any integers, added as they are first named. */
export class DisjointSets {
  private readonly parent = new Map<number, number>();

  /** The root of x's set: its smallest member (x itself when never joined). */
  find(x: number): number {
    let r = x;
    while ((this.parent.get(r) ?? r) !== r) r = this.parent.get(r) as number;
    for (let y = x; y !== r;) {
      const next = this.parent.get(y) as number;
      this.parent.set(y, r);
      y = next;
    }
    if (!this.parent.has(x)) this.parent.set(x, x);
    return r;
  }

  /** Joins the sets of a and b; false when they were one already. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
    return true;
  }

  /** The size of each set by its root, over every member named so far. */
  sizes(): Map<number, number> {
    const out = new Map<number, number>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      out.set(r, (out.get(r) ?? 0) + 1);
    }
    return out;
  }
}
