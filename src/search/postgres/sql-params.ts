/** Collects positional parameters while SQL text is assembled, so values never enter the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder (`$3`), with an optional cast. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}
