import React from 'react';

/** AdminJS's sidebar width (its theme's `sizes.sidebarWidth`). */
const SIDEBAR_WIDTH = '300px';

/**
 * AdminJS folds its sidebar away on screens under 1324 px by moving it left of the page
 * (`left: -300px`); in Arabic, where the page reads from the right, that space left of the page
 * becomes scrollable and the whole layout opens shifted by the sidebar's width. Folded to the
 * right instead, it stays out of sight. (A plain style element: the page's CSP allows inline styles.)
 */
export const RtlSidebar = () => (
  <style>{`
    html[dir='rtl'] [data-css='sidebar'].hidden { left: auto; right: -${SIDEBAR_WIDTH}; }
    html[dir='rtl'] [data-css='sidebar'].visible { left: auto; right: 0; }
  `}</style>
);
