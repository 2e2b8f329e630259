import { announce, h } from "./dom.js";

/** Copies `text`: the async Clipboard API first, then a selected textarea and `execCommand`. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or no focus: try the legacy way below.
  }
  const area = h("textarea", { class: "visually-hidden", readonly: true, "aria-hidden": "true" });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

const timers = new WeakMap();

/** Selects the text of `element` (an input or any element) so the reader can copy it by hand. */
function selectForManualCopy(element) {
  if (!element) return;
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * Copies `text` and flashes "Copied" on `button`; when both ways of copying fail, selects
 * `fallback` (the element showing the URL) and asks for Ctrl+C instead.
 */
export async function copyWithFeedback(button, text, what, fallback) {
  const ok = await copyText(text);
  if (!ok) selectForManualCopy(fallback);
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  button.textContent = ok
    ? "Copied"
    : /Mac|iPhone|iPad/.test(navigator.userAgent)
      ? "Press ⌘C"
      : "Press Ctrl+C";
  button.classList.toggle("is-copied", ok);
  announce(
    ok ? `Copied ${what} to the clipboard` : `Could not copy automatically; the URL is selected: ${text}`,
  );
  clearTimeout(timers.get(button));
  timers.set(
    button,
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove("is-copied");
    }, 2500),
  );
  return ok;
}

/**
 * A "Copy" button that copies `text`; `what` names it for screen readers ("RSS URL of cs.LG"),
 * `fallback` is the element to select when the clipboard is unavailable.
 */
export function copyButton(text, what, fallback) {
  const button = h("button", {
    type: "button",
    class: "button copy-button",
    "aria-label": `Copy ${what}`,
    "data-copy": text,
    text: "Copy",
  });
  button.addEventListener("click", () => copyWithFeedback(button, text, what, fallback));
  return button;
}
