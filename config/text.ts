/**
 * Names people read (fields, counters, clerks, the office, devices) must show something: a name made only of
 * zero-width, format or space characters looks empty on every screen, and bidirectional overrides (U+202A–202E,
 * U+2066–2069) reorder what follows them, so a name could display as something else.
 */
const VISIBLE = /[^\s\p{Cf}\p{Z}\p{Cc}]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** Why `s` is not an acceptable name, ending a sentence that starts with what it names ("the field name …"), or null. */
export function nameProblem(s: string): string | null {
  if (BIDI_CONTROL.test(s)) return 'must not contain direction-override characters';
  if (!VISIBLE.test(s)) return 'must not be empty'; // invisible characters only count as empty
  return null;
}
