import { type Browser, chromium } from "playwright-core";
import { outsideEnv } from "./outside-env.js";

/**
 * Debian's Chromium, headless, as root, with nothing reaching out to the network (this
 * machine's network is closed) and without the suite's faketime preload (see outside-env.ts).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    env: outsideEnv(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
