import { posix } from "node:path";

/**
 * The path a request names once percent-decoded and normalised, as the static server resolves
 * it: `/%69ndex.html`, `//index.html`, `/%2findex.html` and `/a/../index.html` are all
 * `/index.html`. Header rules match on this, so no spelling of a page escapes its headers.
 * Undefined when an escape is malformed (`/%zz`): no file answers such a path.
 */
export function normalPath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  // Backslashes are separators to Windows' file system, so they are here too.
  return posix.normalize(`/${decoded.replaceAll("\\", "/")}`);
}
