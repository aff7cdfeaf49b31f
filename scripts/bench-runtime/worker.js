// The bench's runtime reference: a Worker with no app in it. `/` answers at once; `/d1` answers after
// one D1 query, made the same way as the app's readiness route. Measured by `npm run bench`, it tells
// what one local D1 round trip costs against a trivial request on this machine, whatever the app does.
export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === '/d1') await env.DB.prepare('SELECT 1').run();
    return Response.json({ status: 'ok' });
  },
};
