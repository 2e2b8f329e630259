/**
 * DOM helpers. Text always goes in through text nodes; the only HTML the page inserts is a
 * summary's server-sanitised `html` field (see papers.js).
 */

/**
 * Creates an element. `props`: `class`, `text` (textContent), `hidden`, anything else as an
 * attribute (skipped when null, undefined or false). Children: nodes, strings (as text), or
 * nullish (skipped); arrays are flattened.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node | string | null | undefined | Array<Node | string | null | undefined>)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = String(value);
    else if (key === "text") node.textContent = String(value);
    else if (key === "hidden") node.hidden = Boolean(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child);
  }
  return node;
}

/** Replaces every child of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}

/** Announces `message` to screen readers through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // Clearing first and writing a moment later makes screen readers repeat identical messages.
  // (A timer, not requestAnimationFrame, which does not run while the page is hidden.)
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Calls `fn` once `ms` milliseconds have passed without another call. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
