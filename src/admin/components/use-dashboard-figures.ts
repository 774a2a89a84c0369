import { useEffect, useState } from 'react';
import type { DashboardFigures } from '../../reports/dashboard-figures.js';
import { dashboard } from './action-client.ts';
import { browserTimeZone } from './browser-time-zone.ts';

/** The signed-in admin's figures, counted in the browser's time zone; `failed` when they could not be read. */
export const useDashboardFigures = () => {
  const [figures, setFigures] = useState<DashboardFigures | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    dashboard<DashboardFigures>({ timeZone: browserTimeZone() }).then(setFigures, () => setFailed(true));
  }, []);
  return { figures, failed };
};
