/** The commune template with a Saturday morning for land and civil status (justice), shared by the calendar tests. */
import { readConfigFile } from '../../config/load.js';
import type { OfficeConfig } from '../../config/types.js';
import { COMMUNE_CENTER } from '../../broker/demo.js';
import { addDays, TEST_DAY } from '../helpers/days.js';

export const COMMUNE_2026 = COMMUNE_CENTER;
/** The Saturday of the suite's week. */
export const SATURDAY = addDays(TEST_DAY, 4);
export const SATURDAY_FIELDS = ['datdai', 'hotich'];

export function withSaturday(cfg: OfficeConfig): OfficeConfig {
  cfg.calendar.holidays = cfg.calendar.holidays.filter((d) => d !== SATURDAY);
  for (const f of cfg.fields) {
    if (SATURDAY_FIELDS.includes(f.id)) f.hours = [{ weekdays: [6], sessions: [{ start: '07:30', end: '11:30' }] }];
  }
  const land = cfg.fields.find((f) => f.id === 'datdai');
  if (land) land.paperCutoff = '10:00';
  return cfg;
}

export function communeSaturday(): OfficeConfig {
  return withSaturday(readConfigFile(COMMUNE_2026).cfg);
}
