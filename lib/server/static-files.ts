import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { bytesResponse } from "../http/bytes-response.js";
import { normalPath } from "./normal-path.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** Serves a file under `root` for a URL path (`/` → index.html), as Vercel serves `public/`. */
export async function serveStatic(root: string, pathname: string): Promise<Response | undefined> {
  const path = normalPath(pathname);
  // Normalising an absolute path leaves no `..`; checked again because a miss here leaks files.
  if (path === undefined || path.split("/").includes("..")) return undefined;
  let file = join(root, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    return bytesResponse(body, {
      headers: {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "public, max-age=0",
      },
    });
  } catch {
    return undefined;
  }
}
