// Unique, label-free ids: an odd-multiplier bijection on 32 bits keeps them distinct and unordered.

/** Issues distinct numeric-looking ids from a counter (no label can be read off an id). */
export class IdIssuer {
  private n = 0;

  constructor(
    private readonly salt: number,
    private readonly digits: number,
  ) {}

  /** Returns the next id. */
  next(): string {
    const x = (Math.imul(this.n++ ^ this.salt, 2654435761) >>> 0) ^ this.salt;
    return String(x >>> 0).padStart(this.digits, '0');
  }
}
