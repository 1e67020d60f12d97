/**
 * USB HID keyboard input reports (boot protocol: [modifiers, reserved, key1..key6], optionally
 * preceded by a report id) → key-down / key-up edges. A repeated identical report (auto-repeat, a
 * stuck key) produces no new edge. 0x01 (ErrorRollOver) reports are ignored as a whole.
 */
export interface KeyEdges { down: number[]; up: number[] }

export class KeyReportParser {
  private held = new Set<number>();
  constructor(private readonly reportId?: number) {}

  feed(report: Buffer | number[]): KeyEdges {
    let bytes = [...report];
    if (this.reportId !== undefined) {
      if (bytes[0] !== this.reportId) return { down: [], up: [] };
      bytes = bytes.slice(1);
    }
    if (bytes.length < 3) return { down: [], up: [] };
    const keys = bytes.slice(2, 8);
    if (keys.includes(0x01)) return { down: [], up: [] };
    const now = new Set(keys.filter((k) => k > 0x03));
    const down = [...now].filter((k) => !this.held.has(k));
    const up = [...this.held].filter((k) => !now.has(k));
    this.held = now;
    return { down, up };
  }

  reset(): void { this.held.clear(); }
}

/** A report with these keys held (for simulators and tests). */
export function keyReport(keys: number[], reportId?: number): Buffer {
  const body = [0, 0, ...keys.slice(0, 6), ...Array(Math.max(0, 6 - keys.length)).fill(0)];
  return Buffer.from(reportId === undefined ? body : [reportId, ...body]);
}
