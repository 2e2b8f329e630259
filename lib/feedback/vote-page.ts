import { arxivAbsUrl, type Html, html } from "./html.js";
import { VOTE_LABELS, type Vote } from "./vote.js";
import type { VotePaper } from "./vote-paper.js";

/** What a vote link carries, posted back by the page's buttons. */
export interface VoteFields {
  profile: string;
  id: string;
  vote: Vote;
  sig: string;
}

/** Everything a vote page shows: the paper (see `VotePaper`), the profile and the link's fields. */
export interface VoteView extends VotePaper {
  /** The profile's name. */
  name: string;
  fields: VoteFields;
  /** Link to the profile's page. */
  profileHref: string;
}

/** What a posted vote or undo did. */
export type VoteResult = "recorded" | "already" | "undone" | "nothing-to-undo";

/** Authors shown before "et al.". */
const SHOWN_AUTHORS = 6;

/** Authors, id and date of a paper the deployment holds or cached; only the id of one a vote names. */
function paperDetails(paper: VotePaper["paper"]): Html {
  if (!("authors" in paper))
    return html`<p class="paper-meta"><span class="arxiv-id">arXiv:${paper.id}</span></p>`;
  const authors = paper.authors.slice(0, SHOWN_AUTHORS).join(", ");
  const more = paper.authors.length > SHOWN_AUTHORS ? " et al." : "";
  return html`<p class="paper-authors">${authors}${more}</p>
<p class="paper-meta"><span class="arxiv-id">arXiv:${paper.id}v${paper.version}</span> · announced ${paper.announced}</p>`;
}

function paperCard({ paper, inWindow }: VotePaper): Html {
  const left = inWindow
    ? html``
    : html`<p class="hint">This paper is no longer among the feeds' stored days; a vote on it still counts.</p>`;
  return html`<article class="paper">
<h2 class="paper-title"><a href="${arxivAbsUrl(paper.id)}" rel="noreferrer noopener">${paper.title ?? `arXiv:${paper.id}`}</a></h2>
${paperDetails(paper)}
${left}
</article>`;
}

/** A form posting the link's fields back with `action` (`vote` or `undo`). */
function voteForm(fields: VoteFields, action: "vote" | "undo", label: string): Html {
  return html`<form method="post" action="vote">
<input type="hidden" name="profile" value="${fields.profile}">
<input type="hidden" name="id" value="${fields.id}">
<input type="hidden" name="vote" value="${fields.vote}">
<input type="hidden" name="sig" value="${fields.sig}">
<button class="button" type="submit" name="action" value="${action}">${label}</button>
</form>`;
}

const profileLink = (view: VoteView) =>
  html`<p><a href="${view.profileHref}">Profile ${view.name}: its likes, dislikes and feeds</a></p>`;

/** The page a vote link opens: the paper and ONE button that casts the vote (a GET records nothing). */
export function votePage(view: VoteView, current: Vote | undefined): Html {
  const label = VOTE_LABELS[view.fields.vote];
  const already = current
    ? html`<p class="notice">Profile ${view.name} ${VOTE_LABELS[current].done} this paper already.</p>`
    : html``;
  return html`<section class="card">
<h1>${label.button}?</h1>
<p>Tell the feeds of profile <strong>${view.name}</strong> that you ${label.verb} this paper:</p>
${paperCard(view)}
${already}
${voteForm(view.fields, "vote", label.button)}
${profileLink(view)}
</section>`;
}

const RESULT_TEXT: Record<VoteResult, (name: string, done: string) => string> = {
  recorded: (name, done) => `Recorded: ${name}'s feeds now count this paper as ${done}.`,
  already: (_, done) => `Already recorded: this paper was ${done} before; nothing changed.`,
  undone: (name, done) => `Undone: ${name}'s feeds no longer count this paper as ${done}.`,
  "nothing-to-undo": (_, done) => `Nothing to undo: this paper is not counted as ${done}; nothing changed.`,
};

/** The page after a posted vote (with Undo) or undo (with the vote again). */
export function voteDonePage(view: VoteView, result: VoteResult): Html {
  const label = VOTE_LABELS[view.fields.vote];
  const voted = result === "recorded" || result === "already";
  const next = voted ? voteForm(view.fields, "undo", "Undo") : voteForm(view.fields, "vote", label.button);
  const refresh = voted
    ? html`<p>The profile's feeds reflect it at the next refresh at the latest.</p>`
    : html``;
  return html`<section class="card">
<h1>${voted ? "Thanks" : "Undone"}</h1>
<p class="notice" role="status">${RESULT_TEXT[result](view.name, label.done)}</p>
${paperCard(view)}
${refresh}
${next}
${profileLink(view)}
</section>`;
}
