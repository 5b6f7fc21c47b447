/**
 * The sidebar's NPS call (ServerApi.npsLoad): the NPS tab as the reports will read
 * it (src/addon/npsTable.ts), never the orders tab.
 */
import type { NpsInfo, ServerApi } from './api';
import { npsInfo } from './npsTable';
import { findOrdersSheet } from './reportRun';
import { openSession } from './session';

export const npsServer: Pick<ServerApi, 'npsLoad'> = {
  npsLoad(): NpsInfo {
    const session = openSession();
    // The NPS tab is never the orders tab: the one the settings name, else the one found by its headers.
    let orders: string | null = session.settings.ordersSheet;
    if (orders === null) {
      try {
        orders = findOrdersSheet(session, null).name;
      } catch {
        orders = null;
      }
    }
    return npsInfo(session, orders);
  },
};
