/** Types of figures-seed.mjs for the TypeScript that imports it (the browser test). */
export function figuresSeedSql(opts: {
  orgId: string;
  councilIds: string[];
  userId: string;
  prefix: string;
  from: string;
  to: string;
  count: number;
  today: string;
  seed?: number;
  termDays?: number;
}): string;
