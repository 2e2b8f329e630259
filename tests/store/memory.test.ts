import { createMemoryStore, type MemoryData } from "../../lib/store/memory.js";
import { testStoreContract } from "./contract.js";

// One map shared by every store of the suite, as several processes share one server.
const data: MemoryData = new Map();

testStoreContract("memory", async ({ keyPrefix }) => {
  const store = createMemoryStore({ keyPrefix, data });
  return { store, cleanup: () => store.close() };
});
