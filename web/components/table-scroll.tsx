import type { ReactNode } from 'react';

/**
 * A table wider than a phone scrolls sideways inside its own box, never the page (WCAG 1.4.10).
 * The box takes focus, so that it can be scrolled with the keyboard even when the table holds no
 * link or button; it is a group named by the table's heading (a group, not another landmark: the
 * table's section usually is one already).
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="ww-table-wrap" role="group" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
