import { now } from "../clock.js";
import { ConfigError } from "../config/errors.js";
import { loadSettings, type Settings } from "../config/settings.js";
import { FEEDBACK_OFF_MESSAGE, feedbackSecretOf } from "../feedback/feedback-secret.js";
import { type ProfileDocument, profileDocument, profileSummary } from "../feedback/profile-document.js";
import { parseProfileName } from "../feedback/profile-name.js";
import { createProfile, deleteProfile, readAllProfiles, readProfile } from "../feedback/profile-store.js";
import { HttpError } from "../http/http-error.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/types.js";
import { useClockFromEnv } from "./clock-from-env.js";

const USAGE = "usage: npm run profile -- add NAME | list | export NAME | delete NAME";

/** Exit statuses: done, refused (exists, not found), usage or configuration error. */
const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

interface CliDeps {
  settings: Settings;
  store: Store;
  secret: string;
  print: (line: string) => void;
}

/** Where the printed links point: PUBLIC_BASE_URL, else the local server `npm start` runs. */
function originOf(settings: Settings): string {
  const { PUBLIC_BASE_URL, HOST, PORT } = settings.env;
  if (PUBLIC_BASE_URL) return PUBLIC_BASE_URL.replace(/\/+$/, "");
  return `http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${PORT}`;
}

function printLinks(doc: ProfileDocument, deps: CliDeps): void {
  deps.print(`profile page: ${doc.page}`);
  for (const feed of doc.feeds)
    deps.print(
      `${feed.feed}:\n  rss:    ${feed.rss}\n  atom:   ${feed.atom}\n  json:   ${feed.json}\n  digest: ${feed.digest}`,
    );
  if (!deps.settings.env.PUBLIC_BASE_URL)
    deps.print("(links point at the local server; set PUBLIC_BASE_URL for a deployment's)");
}

async function add(name: string, deps: CliDeps): Promise<number> {
  const outcome = await createProfile(deps.store, name, now());
  if (outcome.status !== "created") {
    deps.print(
      outcome.status === "exists"
        ? `a profile named "${name}" exists already`
        : `at most ${outcome.limit} profiles; delete one first`,
    );
    return EXIT.refused;
  }
  deps.print(`created profile ${name}; keep these URLs private (they read and tune the profile):`);
  printLinks(
    profileDocument(outcome.record, originOf(deps.settings), deps.secret, deps.settings.config),
    deps,
  );
  return EXIT.ok;
}

async function list(deps: CliDeps): Promise<number> {
  const profiles = (await readAllProfiles(deps.store)).map(profileSummary);
  if (profiles.length === 0) deps.print("no profiles yet: npm run profile -- add NAME");
  for (const p of profiles) {
    deps.print(
      `${p.name.padEnd(32)} created ${p.createdAt.slice(0, 10)}  ${p.likes} likes  ${p.dislikes} dislikes  last vote ${p.lastVoteAt ?? "never"}`,
    );
  }
  return EXIT.ok;
}

async function exportOne(name: string, deps: CliDeps): Promise<number> {
  const record = await readProfile(deps.store, name);
  if (!record) {
    deps.print(`no profile named "${name}"`);
    return EXIT.refused;
  }
  deps.print(
    JSON.stringify(
      profileDocument(record, originOf(deps.settings), deps.secret, deps.settings.config),
      null,
      2,
    ),
  );
  return EXIT.ok;
}

async function remove(name: string, deps: CliDeps): Promise<number> {
  const deleted = await deleteProfile(deps.store, name);
  deps.print(deleted ? `deleted profile ${name}; its URLs no longer work` : `no profile named "${name}"`);
  return deleted ? EXIT.ok : EXIT.refused;
}

/** Runs one command of `args`; its exit status. */
async function runProfileCommand(args: readonly string[], deps: CliDeps): Promise<number> {
  const [command, name, ...extra] = args;
  if (command === "list" && name === undefined) return list(deps);
  const commands: Record<string, (n: string, d: CliDeps) => Promise<number>> = {
    add,
    export: exportOne,
    delete: remove,
  };
  const run = command === undefined ? undefined : commands[command];
  if (!run || name === undefined || extra.length > 0) {
    deps.print(USAGE);
    return EXIT.usage;
  }
  return run(parseProfileName(name), deps);
}

/** `npm run profile -- …`: manages named profiles in the configured store, as the endpoint does on Vercel. */
async function main(): Promise<number> {
  const settings = loadSettings();
  useClockFromEnv(settings.env);
  const secret = feedbackSecretOf(settings);
  if (!secret) {
    console.error(FEEDBACK_OFF_MESSAGE);
    return EXIT.usage;
  }
  const store = createStore(settings.store, { keyPrefix: settings.keyPrefix });
  try {
    return await runProfileCommand(process.argv.slice(2), {
      settings,
      store,
      secret,
      print: (line) => console.log(line),
    });
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof HttpError;
    console.error(known ? (error as Error).message : error);
    const usage = error instanceof ConfigError || (error instanceof HttpError && error.status < 500);
    process.exit(usage ? EXIT.usage : 1);
  },
);
