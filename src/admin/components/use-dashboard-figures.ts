import { useEffect, useState } from 'react';
import type { DashboardFigures } from '../../reports/dashboard-figures.js';
import { dashboard, page } from './action-client.ts';
import { browserTimeZone } from './browser-time-zone.ts';

/** The signed-in admin's figures, counted in the browser's time zone; `failed` when they could not be read. */
export const useDashboardFigures = () => {
  const [figures, setFigures] = useState<DashboardFigures | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // Shown as the home page or as the host's `whatsappFigures` page: each has its own handler.
    const pageName = /\/pages\/([^/]+)/.exec(window.location.pathname)?.[1];
    const params = { timeZone: browserTimeZone() };
    (pageName ? page<DashboardFigures>(pageName, params) : dashboard<DashboardFigures>(params)).then(setFigures, () => setFailed(true));
  }, []);
  return { figures, failed };
};
