/**
 * `s` without any of `chars` at its end. A loop, because `/[…]+$/` retries the run from each of
 * its characters: quadratic on a long run that is not at the end.
 */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}
