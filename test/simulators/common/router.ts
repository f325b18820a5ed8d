/** Method + path-pattern routing (`/v3/candidates/:id`) with typed route metadata. */

export interface RouteMatch<R> {
  route: R;
  params: Record<string, string>;
}

interface CompiledRoute<R> {
  method: string;
  pattern: RegExp;
  names: string[];
  route: R;
}

export class Router<R> {
  private readonly routes: Array<CompiledRoute<R>> = [];

  add(method: string, path: string, route: R): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${source}/?$`),
      names,
      route,
    });
    return this;
  }

  /** The route for this request; `methodNotAllowed` when only the path matched. */
  match(method: string, path: string): RouteMatch<R> | { methodNotAllowed: true } | null {
    let pathMatched = false;
    for (const candidate of this.routes) {
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (candidate.method !== method) continue;
      const params: Record<string, string> = {};
      candidate.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { route: candidate.route, params };
    }
    return pathMatched ? { methodNotAllowed: true } : null;
  }
}
