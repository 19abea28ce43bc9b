// A small least-recently-used cache. Compiled expressions are pure functions of their source text and
// variables: every track of a run (and every rebuild of the same scenario) shares one compilation.

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => V): V {
    const known = this.entries.get(key);
    if (known !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, known as V); // most recent last
      return known as V;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
