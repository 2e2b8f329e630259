import type { Config } from "../config/schema.js";
import { PROJECT_NAME } from "../project.js";
import { markdownText } from "./markdown.js";

/** The configuration the digest's trailer reports. */
export type DigestConfig = Pick<
  Config,
  | "categories"
  | "keywords"
  | "exclude_keywords"
  | "max_papers"
  | "days_back"
  | "min_score"
  | "feed_max_papers"
> & { ai_summary: Pick<Config["ai_summary"], "max_papers_to_summarize"> };

/**
 * The refresh crons of vercel.json, in UTC (a test keeps the two equal): the weekday run after
 * arXiv's announcement, then a catch-up run for a category that was late.
 */
export const REFRESH_CRONS = ["30 6 * * 1-5", "30 12 * * 1-5"] as const;

/** `30 6 * * 1-5` as `06:30`. */
function cronTime(cron: string): string {
  const [minute = "0", hour = "0"] = cron.split(" ");
  return `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
}

const joined = (values: readonly string[]) => (values.length ? markdownText(values.join(", ")) : "none");

/** `## 🔧 Configuration`: keywords on one comma-joined line (as the bot writes them), then categories and limits. */
function configurationSection(config: DigestConfig): string {
  return [
    "## 🔧 Configuration",
    "",
    "This digest lists papers containing the following keywords:",
    `- ${joined(config.keywords)}`,
    "",
    `**Excluded Keywords**: ${joined(config.exclude_keywords)}  `,
    `**Categories**: ${joined(config.categories)}  `,
    `**Limits**: ${config.max_papers} papers per run, at most ${config.feed_max_papers} per feed over ${config.days_back} days, minimum score ${config.min_score.toFixed(1)}, ${config.ai_summary.max_papers_to_summarize} summarised per run`,
  ].join("\n");
}

function scheduleSection(): string {
  const [main = "", ...catchUp] = REFRESH_CRONS;
  return [
    "## 📅 Schedule",
    "",
    `The feeds refresh on weekdays at ${cronTime(main)} UTC, after arXiv's daily announcement` +
      (catchUp.length ? `, with a catch-up run at ${catchUp.map(cronTime).join(", ")} UTC.` : "."),
  ].join("\n");
}

/** The end of the digest: configuration, schedule, and the footer line after a rule. */
export function digestTrailer(config: DigestConfig): string {
  return [
    configurationSection(config),
    scheduleSection(),
    `---\n*Generated automatically by ${PROJECT_NAME}*`,
  ].join("\n\n");
}
