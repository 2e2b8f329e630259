import { arxivAbsUrl, type Html, html } from "./html.js";
import { MAX_VOTES, type ProfileRecord, type ProfileVote } from "./profile-record.js";
import type { ProfileFeedUrls } from "./vote-links.js";
import type { WindowPapers } from "./window-papers.js";

/** Everything the profile page shows. */
export interface ProfileView {
  record: ProfileRecord;
  /** The profile's token, posted back by the remove buttons. */
  token: string;
  /** Titles of the papers the deployment still holds (a vote keeps its own for the others). */
  papers: WindowPapers;
  feeds: ProfileFeedUrls[];
  /** What the last action did, shown on top. */
  notice?: string;
}

function voteItem(view: ProfileView, vote: ProfileVote): Html {
  // The window's title, else the one the vote kept, else the id.
  const known = view.papers.get(vote.id)?.title ?? vote.title;
  const title = html`<a href="${arxivAbsUrl(vote.id)}" rel="noreferrer noopener">${known ?? `arXiv:${vote.id}`}</a>`;
  return html`<li class="paper">
<p class="paper-title">${title}</p>
<p class="paper-meta"><span class="arxiv-id">${vote.id}</span> · ${vote.vote === "like" ? "liked" : "disliked"} ${vote.at.slice(0, 10)}</p>
<form method="post" action="profile">
<input type="hidden" name="token" value="${view.token}">
<input type="hidden" name="id" value="${vote.id}">
<button class="button" type="submit" name="action" value="remove">Remove</button>
</form>
</li>`;
}

function voteList(view: ProfileView, kind: "like" | "dislike", heading: string): Html {
  const votes = view.record.votes.filter((v) => v.vote === kind).reverse();
  const items = votes.length
    ? html`<ul class="paper-list">${votes.map((v) => voteItem(view, v))}</ul>`
    : html`<p>None yet: use the links in the feeds' items.</p>`;
  return html`<section class="section"><h2>${heading} (${votes.length})</h2>${items}</section>`;
}

function feedList(feeds: ProfileView["feeds"]): Html {
  const rows = feeds.map(
    (f) =>
      html`<li><strong>${f.feed}</strong>: <a href="${f.rss}">RSS</a> · <a href="${f.atom}">Atom</a> · <a href="${f.json}">JSON Feed</a> · <a href="${f.digest}">Markdown digest</a></li>`,
  );
  return html`<section class="section"><h2>Feeds</h2>
<p>Subscribe to these in any feed reader (the digest is a README-style Markdown page): each item carries "More like this" and "Less like this" links. Keep them private: whoever has them can read and tune this profile.</p>
<ul>${rows}</ul></section>`;
}

/** The profile page: its likes and dislikes (newest first) with a remove button each, and its feed URLs. */
export function profilePage(view: ProfileView): Html {
  const notice = view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : html``;
  return html`<section class="card">
<h1>Profile ${view.record.name}</h1>
<p>Created ${view.record.createdAt.slice(0, 10)}. Recent votes count more; the newest ${MAX_VOTES} are kept.</p>
${notice}
</section>
${voteList(view, "like", "Liked")}
${voteList(view, "dislike", "Disliked")}
${feedList(view.feeds)}`;
}
