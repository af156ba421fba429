/**
 * Emails are compared in one form: NFKC (so composed and decomposed `café`, or full-width letters,
 * are one address; Unicode TR 15), trimmed and lower-cased (the contract compares emails
 * case-insensitively).
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** The scripts whose letters may be combined in one address (UTS #39 §5.2, "Highly Restrictive"). */
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo', 'Thai', 'Devanagari'] as const;
type Script = (typeof SCRIPTS)[number];
const SCRIPT_PATTERNS = SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const);

/** Latin may be mixed with the scripts of Japanese, Chinese or Korean writing, and nothing else. */
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<Script>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/**
 * Whether an address mixes letters of scripts that are not written together, as lookalike
 * addresses do (`аlice` with a Cyrillic `а` registering beside `alice`). Letters of one script,
 * or Latin with the CJK scripts, pass; a letter of a script not listed counts as its own script.
 */
export function mixesScripts(email: string): boolean {
  const scripts = new Set<string>();
  for (const character of email) {
    if (!/\p{L}/u.test(character)) continue;
    scripts.add(SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(character))?.[0] ?? `other:${character}`);
  }
  if (scripts.size <= 1) return false;
  return !ALLOWED_MIXES.some((mix) => [...scripts].every((script) => mix.has(script as Script)));
}
