import { createHash, randomUUID } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";

/** Longest encoded key used as a file name as-is; longer keys are hashed. */
const MAX_NAME_LENGTH = 200;

/**
 * A key as a file name that is safe on Linux, macOS and Windows, on case-insensitive file
 * systems too, and distinct for distinct keys: `a-z 0-9 - _` and inner `.` stay, an upper-case
 * letter becomes `^` + the lower-case one, every other UTF-8 byte `%xx`
 * (`feed:cs.LG` → `feed%3acs.^l^g`). Names longer than 200 characters become `~` + SHA-256.
 */
export function encodeKey(key: string): string {
  let name = "";
  for (const byte of Buffer.from(key, "utf8")) {
    const char = String.fromCharCode(byte);
    if (/[a-z0-9_-]/.test(char) || (char === "." && name !== "")) name += char;
    else if (/[A-Z]/.test(char)) name += `^${char.toLowerCase()}`;
    else name += `%${byte.toString(16).padStart(2, "0")}`;
  }
  return name.length <= MAX_NAME_LENGTH ? name : `~${createHash("sha256").update(key).digest("hex")}`;
}

/** True for "no such file" errors. */
export const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

/** The file's text, or null when it does not exist. */
export async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Removes a file; a missing one is fine. */
export async function unlinkOptional(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

/** The first `bytes` bytes of a file as text, or null when it does not exist. */
export async function readHead(path: string, bytes: number): Promise<string | null> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes a file so that readers see either the old content or the whole new one, even if the
 * process dies mid-way: the text goes to a temp file in `tmpDir` (same file system), is flushed
 * to disk when `durable`, then renamed over `path`.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  tmpDir: string,
  durable: boolean,
): Promise<void> {
  const temp = join(tmpDir, `${randomUUID()}.tmp`);
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(text, "utf8");
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlinkOptional(temp);
    throw error;
  }
}
