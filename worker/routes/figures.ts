import type { OpenAPIHono } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, problemResponses } from '../routing';
import { calendarYear, statsQueryShape, statsShape, type Stats } from '../../schema/figures';
import { loadFigures } from '../services/figures';
import { CSV_TYPE, figuresCsv, wantsCsv } from '../services/figures-csv';
import { todayInAmsterdam } from '../../schema/dates';

export function registerFiguresRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute('orgMember', {
      method: 'get',
      path: '/api/v1/organisations/{slug}/stats',
      tags: ['Figures'],
      summary: 'Figures of the advice received in a period (default: the current calendar year); CSV with Accept: text/csv',
      description:
        'Officials, approvers and admins: the organisation, or one council with councilId. Council members and secretaries: their own council (another councilId is 403). ' +
        'A missing bound is that of the current calendar year. Dossiers count by receivedOn; byMonth.sent by the month of sending.',
      request: { params: z.object({ slug: z.string() }), query: statsQueryShape },
      responses: {
        200: {
          description: 'The figures',
          content: {
            'application/json': { schema: statsShape },
            'text/csv': { schema: z.string().openapi({ description: 'UTF-8 with BOM, `;`-separated, a decimal comma, one header row' }) },
          },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const today = todayInAmsterdam();
      const year = calendarYear(today);
      const period = { from: query.from ?? year.from, to: query.to ?? year.to };
      const { stats } = await loadFigures(c.var.db, c.var.principal as UserPrincipal, { period, councilId: query.councilId ?? null }, { page: false }, today);
      if (wantsCsv(c.req.header('accept'))) {
        c.header('Vary', 'Accept');
        return c.body(figuresCsv(stats), 200, { 'content-type': CSV_TYPE }) as unknown as TypedResponse<Stats, 200, 'json'>;
      }
      c.header('Vary', 'Accept');
      return c.json(stats, 200);
    },
  );
}
