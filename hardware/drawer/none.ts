/** "No cash drawer" (hardware.drawer = "none"): status "none", open() resolves ok=false DRAWER_NONE. */
import type { Drawer } from '../types.js';
import { t } from '../../src/i18n/index.js';

export function createNoDrawer(): Drawer {
  return {
    kind: 'none',
    status: () => 'none',
    onStatus: () => () => {},
    open: async () => ({ ok: false, code: 'DRAWER_NONE', message: t('error.DRAWER_NONE') }),
    close: async () => {},
  };
}
