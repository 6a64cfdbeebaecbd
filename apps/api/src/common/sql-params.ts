/**
 * Collects positional parameters while SQL text is assembled: `add` returns the placeholder of the
 * value it appends, `shared` one placeholder per name.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly named = new Map<string, string>();

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }

  /** Only appended when first used: PostgreSQL cannot type a parameter no expression uses. */
  shared(name: string, value: unknown): string {
    let placeholder = this.named.get(name);
    if (!placeholder) this.named.set(name, (placeholder = this.add(value)));
    return placeholder;
  }
}
