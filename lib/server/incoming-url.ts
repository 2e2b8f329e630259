import { isValidHost } from "../http/feed-urls.js";
import { badRequest } from "../http/http-error.js";

const ABSOLUTE_FORM = /^https?:\/\//i;

/** Shows a client's text in an error message: quoted, escaped, clipped. */
const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** Where an absolute-form target (`GET http://host/path`) points: its host and path, per RFC 9112 §3.2.2. */
function splitAbsolute(target: string): { host: string; path: string } {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw badRequest(`the request target ${quote(target)} is not a valid URL`);
  }
  if (url.username || url.password) throw badRequest("the request target must not carry credentials");
  return { host: url.host, path: url.pathname + url.search };
}

/** `http://host/`, or a 400 when `host` is not one (`[`, `a@evil`, `1.2.3.999`, a port past 65535). */
function originOf(host: string): URL {
  const refused = () => badRequest(`the Host header ${quote(host)} is not a host name (name or name:port)`);
  if (!isValidHost(host)) throw refused();
  try {
    return new URL(`http://${host}`);
  } catch {
    throw refused();
  }
}

/**
 * The URL a request names, from its target and Host header, refusing (400) what no URL should
 * be built from: a Host that is not `name[:port]` (`[`, `a@evil`), credentials, a target that is
 * not a path. An origin-form target is only ever a path: `//u:p@x/` is the path `//u:p@x/`, not
 * a protocol-relative URL.
 */
export function incomingUrl(target: string, hostHeader: string | undefined): URL {
  let host = hostHeader ?? "localhost";
  let path = target;
  if (ABSOLUTE_FORM.test(target)) ({ host, path } = splitAbsolute(target));
  else if (!target.startsWith("/"))
    throw badRequest(`the request target ${quote(target)} must be a path starting with /`);
  const url = originOf(host);
  const withoutFragment = path.split("#", 1)[0] ?? "";
  const query = withoutFragment.indexOf("?");
  url.pathname = query < 0 ? withoutFragment : withoutFragment.slice(0, query);
  url.search = query < 0 ? "" : withoutFragment.slice(query);
  return url;
}
