/** Which configured device a listed port / HID device is. */
import { normId } from './serial/link.js';
import type { BridgeDeviceConfig } from './config.js';

export interface ListedDevice { path: string; vendorId?: string | number | undefined; productId?: string | number | undefined; serialNumber?: string | undefined }

/** vendorId/productId (and serialNumber when configured) win over path, since paths change on re-plug. */
export function matches(cfg: Pick<BridgeDeviceConfig, 'path' | 'vendorId' | 'productId' | 'serialNumber'>, d: ListedDevice): boolean {
  if (cfg.vendorId) {
    if (normId(cfg.vendorId) !== normId(d.vendorId)) return false;
    if (cfg.productId && normId(cfg.productId) !== normId(d.productId)) return false;
    if (cfg.serialNumber && cfg.serialNumber !== d.serialNumber) return false;
    return true;
  }
  return !!cfg.path && cfg.path === d.path;
}
