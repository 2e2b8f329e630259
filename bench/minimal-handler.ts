/** The cold-start baseline (bench/cold-start.ts): a function that imports nothing and answers at once. */
export const GET = async (_request: Request): Promise<Response> =>
  new Response("ok\n", { headers: { "content-type": "text/plain; charset=utf-8" } });
