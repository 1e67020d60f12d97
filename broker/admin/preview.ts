import type { OfficeConfig } from '../../config/types.js';
import { decodeEscPos, encodeTicket, paperDots, renderJobPng, type Priority } from '../../printer/index.js';
import { formatNumber } from '../queue/numbering.js';

export interface PreviewOptions { fieldId?: string; paper?: 58 | 80; text?: 'raster' | 'cp1258'; priority?: Priority; at: number; baseUrl: string }

/** A sample ticket of a field with the office's current texts, drawn as the paper would look (PNG). */
export function ticketPreviewPng(cfg: OfficeConfig, o: PreviewOptions): Buffer {
  const field = cfg.fields.find((f) => f.id === o.fieldId) ?? cfg.fields[0];
  if (!field) throw new Error('the office has no field');
  const counters = cfg.counters.filter((c) => c.fields.includes(field.id)).map((c) => String(c.number));
  const paper = o.paper ?? 80;
  const bytes = encodeTicket({
    officeName: cfg.office.name, address: cfg.office.address, fieldName: field.name, number: formatNumber(field.numbering, 23), priority: o.priority ?? null,
    issuedAt: o.at, timezone: cfg.office.timezone, ahead: 4, minutes: 4 * cfg.queue.defaultServiceMinutes,
    counters: counters.length ? `Quầy ${counters.join(', ')}` : '', guidance: cfg.texts.ticketGuidance, footer: cfg.texts.ticketFooter,
    qrUrl: `${o.baseUrl}/t/preview`, copy: false,
  }, { paper, text: o.text ?? 'raster' });
  return renderJobPng(decodeEscPos(bytes), paperDots(paper));
}
