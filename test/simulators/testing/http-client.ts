/** fetch with the parsed JSON typed by the caller (tests declare the fields they read). */

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  json: T;
}

export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: (text ? JSON.parse(text) : undefined) as T,
  };
}

/** `Basic base64(user:password)`. */
export function basicAuth(user: string, password = ''): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
