import { mkdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { now } from "../clock.js";

/** The embedded store's database, inside `DATA_DIR`. */
export const DATABASE_FILE = "store.sqlite";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY NOT NULL, -- with the store's prefix
    json TEXT NOT NULL,
    expires_at INTEGER             -- epoch ms; NULL: never
  );
  CREATE INDEX IF NOT EXISTS entries_by_expiry ON entries (expires_at) WHERE expires_at IS NOT NULL;`;

/** The open database and the statements every store operation is made of. */
export interface Statements {
  db: BetterSqlite3.Database;
  /** `.get(key, nowMs)`: the JSON text of a key that has not expired, or undefined. */
  read: BetterSqlite3.Statement<[string, number], string>;
  /** `.get(key, nowMs)`: the JSON text and expiry of a key that has not expired, or undefined. */
  readEntry: BetterSqlite3.Statement<[string, number], { json: string; expires_at: number | null }>;
  /** `.get()`: changes whenever another connection committed since this one last asked (SQLite's `data_version`). */
  dataVersion: BetterSqlite3.Statement<[], number>;
  /** `.run(key, json, expiresAt)`: inserts or replaces a key. */
  write: BetterSqlite3.Statement<[string, string, number | null]>;
  remove: BetterSqlite3.Statement<[string]>;
  /** `.run(nowMs)`: deletes expired keys. */
  sweep: BetterSqlite3.Statement<[number]>;
}

/** The database file of one folder, opened on first use. */
export interface DatabaseFile {
  /** The file's name, for messages (never the full path: it may reach readers). */
  readonly name: string;
  /** The open database; opened again when its file was replaced or removed since the last call. */
  open(): Promise<Statements>;
  close(): void;
  /** Closes and moves the database (and its WAL) aside as `store.sqlite.damaged-<time>`. */
  moveAside(): void;
}

let native: Promise<typeof BetterSqlite3> | undefined;
/** better-sqlite3 (a native module), loaded on first use: Vercel functions on Upstash never load it. */
function loadSqlite(): Promise<typeof BetterSqlite3> {
  native ??= import("better-sqlite3").then(
    (module) => module.default,
    (error: unknown) => {
      native = undefined;
      throw new Error("the embedded store needs the package better-sqlite3, which is not installed", {
        cause: error,
      });
    },
  );
  return native;
}

/** True for SQLite's "this is not (or no longer) a database" errors: damage, not an outage. */
export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

function prepare(db: BetterSqlite3.Database): Statements {
  return {
    db,
    read: db
      .prepare<[string, number], string>(
        "SELECT json FROM entries WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
      )
      .pluck(),
    readEntry: db.prepare<[string, number], { json: string; expires_at: number | null }>(
      "SELECT json, expires_at FROM entries WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
    ),
    dataVersion: db.prepare<[], number>("PRAGMA data_version").pluck(),
    write: db.prepare("INSERT OR REPLACE INTO entries (key, json, expires_at) VALUES (?, ?, ?)"),
    remove: db.prepare("DELETE FROM entries WHERE key = ?"),
    sweep: db.prepare("DELETE FROM entries WHERE expires_at <= ?"),
  };
}

/**
 * The SQLite database `store.sqlite` in `dir`: WAL mode (readers never wait for a writer, and a
 * process killed mid-transaction leaves only an uncommitted tail that SQLite ignores), every commit
 * flushed to disk, writers of other processes waited for up to `busyTimeoutMs`.
 */
export function databaseFile(dir: string, busyTimeoutMs: number): DatabaseFile {
  const path = join(dir, DATABASE_FILE);
  let current: { statements: Statements; inode: number } | undefined;
  // One stat per operation tells when another process rebuilt the file, or someone removed it.
  const inode = () => {
    try {
      return statSync(path).ino;
    } catch {
      return -1;
    }
  };
  const close = () => {
    current?.statements.db.close();
    current = undefined;
  };

  return {
    name: DATABASE_FILE,
    async open() {
      const Database = await loadSqlite();
      if (current && current.inode === inode()) return current.statements;
      close();
      mkdirSync(dir, { recursive: true });
      const db = new Database(path, { timeout: busyTimeoutMs });
      try {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = FULL");
        db.exec(SCHEMA);
        current = { statements: prepare(db), inode: inode() };
      } catch (error) {
        db.close();
        throw error;
      }
      return current.statements;
    },
    close,
    moveAside() {
      close();
      const aside = `${path}.damaged-${new Date(now()).toISOString().replace(/[:.]/g, "-")}`;
      for (const suffix of ["", "-wal", "-shm"]) {
        try {
          renameSync(path + suffix, aside + suffix);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
      }
    },
  };
}
