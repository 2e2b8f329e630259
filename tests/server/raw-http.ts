import { connect } from "node:net";

/** What came back on one raw connection: the status code (undefined if none), head and body. */
export interface RawAnswer {
  status: number | undefined;
  head: string;
  body: string;
}

export interface RawOptions {
  /** `close`: read until the server closes (send `Connection: close`); `head`: stop at the head. */
  until?: "close" | "head";
  /** Gives up after this long; the answer then has whatever arrived (no status if nothing). */
  timeoutMs?: number;
}

/** The body of a chunked message, decoded (enough for a test: sizes and data, no trailers). */
function dechunk(body: string): string {
  let out = "";
  let rest = body;
  for (;;) {
    const line = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.slice(0, line), 16);
    if (line < 0 || !(size > 0)) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 4 + size);
  }
}

function parse(raw: Buffer): RawAnswer {
  const text = raw.toString("latin1");
  const split = text.indexOf("\r\n\r\n");
  const head = split < 0 ? text : text.slice(0, split);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
  const body = split < 0 ? "" : text.slice(split + 4);
  const chunked = /\r\ntransfer-encoding: *chunked/i.test(head);
  return { status: status ? Number(status) : undefined, head, body: chunked ? dechunk(body) : body };
}

/**
 * Writes `bytes` verbatim on a fresh loopback connection and collects the answer. Nothing here
 * normalises the request the way fetch or node:http would.
 */
export function sendRaw(url: string, bytes: string | Buffer, options: RawOptions = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      done(parse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 20_000);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.until === "head" && Buffer.concat(chunks).includes("\r\n\r\n")) finish();
    });
    socket.on("close", finish);
    socket.on("error", finish);
    socket.on("connect", () =>
      socket.write(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes),
    );
  });
}

/** One header of a raw answer's head, by case-insensitive name. */
export function rawHeader(answer: RawAnswer, name: string): string | undefined {
  const line = answer.head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
