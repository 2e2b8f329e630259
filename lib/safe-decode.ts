/** decodeURIComponent that leaves a malformed escape (`%ZZ`) as it is instead of throwing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
