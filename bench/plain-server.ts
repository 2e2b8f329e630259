import { createServer, type OutgoingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A plain Node `http` server answering every request with fixed bytes held in memory: the baseline. */
export interface PlainServer {
  url: string;
  /** Changes the bytes (and headers) served. */
  serve(body: Buffer, headers?: OutgoingHttpHeaders): void;
  close(): Promise<void>;
}

/** Response headers that describe the connection, not the content; not copied into the baseline. */
const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);

/** The headers of a service response worth repeating in the baseline (content type, ETag, caching…). */
export function contentHeaders(
  headers: Headers | Record<string, string | string[] | undefined>,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) if (value !== undefined && !HOP_HEADERS.has(name)) out[name] = value;
  return out;
}

export async function startPlainServer(
  body: Buffer = Buffer.alloc(0),
  headers: OutgoingHttpHeaders = {},
): Promise<PlainServer> {
  let current = { body, headers: { ...headers, "content-length": body.length } };
  const server = createServer((_req, res) => {
    res.writeHead(200, current.headers);
    res.end(current.body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve(next, nextHeaders = {}) {
      current = { body: next, headers: { ...nextHeaders, "content-length": next.length } };
    },
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** Runs `use` with a plain server that is closed afterwards, whatever happens. */
export async function withPlainServer<T>(use: (plain: PlainServer) => Promise<T>): Promise<T> {
  const plain = await startPlainServer();
  try {
    return await use(plain);
  } finally {
    await plain.close();
  }
}
