import { Agent, request } from "node:http";

/** One GET's outcome, with what went over the wire. */
export interface GetResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Bytes of the status line and headers (HTTP/1.1 framing as received). */
  headerBytes: number;
  /** Time to the last body byte, ms. */
  ms: number;
}

/** A keep-alive client with one connection per origin: requests go one after another. */
export const keepAliveAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: 1 });

/** GET `url` with plain `node:http` (the least client overhead, the same for every target). */
export function httpGet(url: string, agent: Agent, headers: Record<string, string> = {}): Promise<GetResult> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        let headerBytes = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          headerBytes,
          ms,
        });
      });
    });
    req.on("error", reject);
    req.end();
  });
}
