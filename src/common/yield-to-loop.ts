/** Lets timers and I/O waiting behind a long synchronous job run before it goes on. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `items.map(fn)` in chunks, yielding to the event loop between them: building 500 search
 * documents is a few hundred milliseconds of CPU, which would otherwise hold up every request,
 * timer and rate-limit pause of the process until it is done.
 */
export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  chunkSize = 25,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % chunkSize === 0) await yieldToLoop();
    out.push(fn(items[i] as T));
  }
  return out;
}
