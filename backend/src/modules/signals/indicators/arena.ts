/**
 * Allocation helpers for the hot path. A `new Float64Array(300)` costs V8 ~1.5 µs (an off-heap
 * backing store per array) — more than the arithmetic of a whole indicator over 300 bars. So each
 * series takes all its arrays as views of ONE ArrayBuffer sized up front.
 */
export type Alloc = (n: number) => Float64Array;

export const heapAlloc: Alloc = (n) => new Float64Array(n);

export class Arena {
  private readonly buffer: ArrayBuffer;
  private readonly f64End: number;
  private f64Next = 0;
  private u32Taken = false;
  private i8Taken = false;

  /** Room for `f64Count` Float64Arrays, one Uint32Array and one Int8Array, each of length n. */
  constructor(
    readonly n: number,
    private readonly f64Count: number,
  ) {
    this.f64End = f64Count * n * 8;
    this.buffer = new ArrayBuffer(this.f64End + n * 4 + n);
  }

  /** The next Float64Array view (zero-filled); past the reserved count it falls back to the heap. */
  readonly f64: Alloc = (n) => {
    if (n !== this.n || this.f64Next >= this.f64Count) return new Float64Array(n);
    return new Float64Array(this.buffer, this.n * 8 * this.f64Next++, n);
  };

  u32(): Uint32Array {
    if (this.u32Taken) return new Uint32Array(this.n);
    this.u32Taken = true;
    return new Uint32Array(this.buffer, this.f64End, this.n);
  }

  i8(): Int8Array {
    if (this.i8Taken) return new Int8Array(this.n);
    this.i8Taken = true;
    return new Int8Array(this.buffer, this.f64End + this.n * 4, this.n);
  }
}
