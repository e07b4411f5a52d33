export { buildApp, VERSION } from './platform/app.ts';
export { startServer, type RunningServer } from './platform/server.ts';
export { loadConfig, type Config } from './platform/config.ts';
export { openDatabase, type Db } from './db/database.ts';
export { migrate } from './db/migrate.ts';
export { DEMO_ADMIN_TOTP_SECRET, DEMO_ORGS } from './demo/seed-demo.ts';
export { currentTotp } from './auth/totp.ts';
