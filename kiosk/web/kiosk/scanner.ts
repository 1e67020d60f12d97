/**
 * A 2D barcode scanner in keyboard mode types the QR's text very fast and ends with Enter. On the dossier screen,
 * keys arriving less than `gapMs` apart are gathered; Enter hands the text to `onScan` and forgets it. Keys typed
 * by a person (slower) start a new gathering. Intervals use the page's monotonic clock (performance.now): they are
 * not business time.
 */
export interface ScannerOptions { gapMs?: number; minLength?: number }

export function listenForScans(onScan: (text: string) => void, o: ScannerOptions = {}, doc: Document = document): () => void {
  const gap = o.gapMs ?? 60;
  const min = o.minLength ?? 8;
  let buf = '';
  let last = 0;
  const onKey = (e: KeyboardEvent): void => {
    const now = performance.now();
    if (now - last > gap) buf = '';
    last = now;
    if (e.key === 'Enter') {
      const text = buf;
      buf = '';
      if (text.length >= min) { e.preventDefault(); onScan(text); }
      return;
    }
    if (e.key.length === 1) buf += e.key;
  };
  doc.addEventListener('keydown', onKey);
  return () => { buf = ''; doc.removeEventListener('keydown', onKey); };
}
