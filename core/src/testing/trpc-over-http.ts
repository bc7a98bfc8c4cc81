/**
 * One tRPC call over HTTP to a running server, as a browser or script makes it: a query as GET with
 * its input in the URL, a mutation as POST with it in the body. Answers the status, the session
 * cookie a login sets, and the parsed body.
 */
export async function trpcOverHttp(
  url: string,
  procedure: string,
  input: unknown,
  cookie?: string,
  method: 'GET' | 'POST' = 'POST',
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
  const response =
    method === 'POST'
      ? await fetch(`${url}/trpc/${procedure}`, { method, headers, body: JSON.stringify(input) })
      : await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });
  return {
    status: response.status,
    cookie: response.headers.get('set-cookie')?.split(';')[0],
    body: (await response.json()) as any,
  };
}
