// The downloads: takedown list, STIX, graphs and the report, written into a temporary folder from
// a connection of their own and sent; the case is left as it was.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';

import { silentProgress } from '../core/index.js';
import { writeExport, writeReport } from '../pipeline/index.js';
import * as S from './api-schemas.js';
import type { QueryTokenConfig } from './auth.js';
import type { ServerContext } from './context.js';
import { answers } from './route-parts.js';

const downloads = {
  takedown: { format: 'takedown', file: 'takedown.csv', type: 'text/csv; charset=utf-8' },
  stix: { format: 'stix', file: 'bundle.stix.json', type: 'application/stix+json' },
  gexf: { format: 'gexf', file: 'network.gexf', type: 'application/gexf+xml' },
  graphml: { format: 'graphml', file: 'network.graphml', type: 'application/graphml+xml' },
  report: { format: 'report', file: 'report.html', type: 'text/html; charset=utf-8' },
} as const;

/** GET /export/:what (the token may come in the query: a download is a link). */
export function exportRoutes(api: FastifyInstance, ctx: ServerContext): void {
  const { store, options, profiles } = ctx;
  api.get(
    '/export/:what',
    {
      config: { queryToken: true } satisfies QueryTokenConfig,
      schema: {
        response: answers(S.ANSWERS['GET /export/:what']),
        params: {
          type: 'object',
          properties: { what: { type: 'string', enum: Object.keys(downloads) } },
          required: ['what'],
        },
      },
    },
    async (req, reply) => {
      const d = downloads[(req.params as { what: keyof typeof downloads }).what];
      const dir = mkdtempSync(join(tmpdir(), 'unmask-export-'));
      // A connection of its own: an export stages temporary tables, and may run long.
      const conn = await store.fork();
      try {
        const out = join(dir, d.file);
        if (d.format === 'report')
          await writeReport(conn, options.casePath, out, silentProgress, await profiles(conn));
        else if (d.format === 'gexf' || d.format === 'graphml')
          await writeExport(conn, options.casePath, d.format, out, silentProgress);
        else
          await writeExport(
            conn,
            options.casePath,
            d.format,
            out,
            silentProgress,
            'significant',
            await profiles(conn),
          );
        return reply
          .type(d.type)
          .header('content-disposition', `attachment; filename="${d.file}"`)
          .send(readFileSync(out));
      } finally {
        conn.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
