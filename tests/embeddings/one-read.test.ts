import { describe, expect, it } from "vitest";
import { versionKey } from "../../lib/embeddings/paper-key.js";
import { readPoolWindowWith } from "../../lib/http/read-pool-window.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import type { Store } from "../../lib/store/types.js";
import { embeddingServers, embeddingsConfig, refreshAt, repositoryConfig, settingsFor } from "./support.js";

/*
 * A personal feed ranked by a profile still reads one key set: the window's embedding sets come
 * in the same store command as its feed and pools, and cover every paper of the window.
 */
const servers = embeddingServers();

/** The store, with the keys of every command recorded. */
function recording(inner: Store): { store: Store; commands: string[][] } {
  const commands: string[][] = [];
  const store: Store = {
    ...inner,
    get: (key) => {
      commands.push([key]);
      return inner.get(key);
    },
    getMany: (keys) => {
      commands.push([...keys]);
      return inner.getMany(keys);
    },
  };
  return { store, commands };
}

describe("the window read with embeddings on", () => {
  it("is one command for the feed, its pools and the embedding sets, and the vectors cover the window", async () => {
    const config = { ...repositoryConfig(), embeddings: embeddingsConfig(servers.llm) };
    const settings = settingsFor(servers.temp.dir, servers.arxiv, config, {
      EMBEDDINGS_API_KEY: servers.llm.apiKey,
    });
    const memory = createMemoryStore();
    await refreshAt(settings, memory);
    for (const name of ["all", "cs.LG"]) {
      const { store, commands } = recording(memory);
      const { served } = await readPoolWindowWith(store, name, settings.config, ["extra:key"]);
      expect(commands).toHaveLength(1);
      const keys = commands[0] ?? [];
      expect(keys).toEqual(
        expect.arrayContaining([`feed:${name}`, `pool:${name}:0`, "extra:key", "emb:0", "emb:6"]),
      );
      const papers = served?.papers() ?? [];
      expect(papers.length).toBeGreaterThan(50);
      const index = served?.embeddings?.() ?? new Map();
      expect(papers.filter((paper) => !index.has(versionKey(paper)))).toEqual([]);
      expect(commands).toHaveLength(1);
    }
  });

  it("reads no embedding set when embeddings are not configured", async () => {
    const settings = settingsFor(servers.temp.dir, servers.arxiv, repositoryConfig());
    const { store, commands } = recording(createMemoryStore());
    const { served } = await readPoolWindowWith(store, "all", settings.config, []);
    expect(served).toBeNull();
    expect(commands.flat().some((key) => key.startsWith("emb"))).toBe(false);
  });
});
