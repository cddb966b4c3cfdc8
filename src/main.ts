// `npm start` / `capstone serve`: the API and pages on PORT (default 3000) over the
// embedded database in DATA_DIR, or PostgreSQL when DATABASE_URL is set. Loads the
// demo data on an empty database; stops gracefully on SIGTERM and SIGINT.
import module from 'node:module';

module.enableCompileCache?.();
const { serve } = await import('./serve.ts');
await serve(process.env);
