/**
 * The identity phase of `npm run bench` (also alone: `npm run bench:identity -w @passage/bench`, or
 * BENCH_ONLY=identity npm run bench): the register loaded or reused, $match and the full scan
 * through the API, and linkage quality in-process. Writes results/identity-latest.{json,md}.
 */
import { fileURLToPath } from 'node:url';
import { machineInfo } from '../machine.ts';
import { linkage } from './linkage.ts';
import { loadRegister, postgresAnswers } from './loader.ts';
import { measure } from './measure.ts';
import { identityMarkdown, IDENTITY_TARGETS, writeIdentityReport, type IdentityReport } from './report.ts';
import { identitySettings } from './settings.ts';

type Log = (line: string) => void;

/** Whether the identity phase runs: BENCH_IDENTITY=0 skips it; by default it runs when PostgreSQL answers. */
export function identityWanted(): boolean {
  return process.env.BENCH_IDENTITY !== '0';
}

export async function runIdentity(log: Log): Promise<IdentityReport> {
  const settings = identitySettings();
  const { databaseUrl: _url, ...shown } = settings;
  const report: IdentityReport = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    settings: shown,
    targets: IDENTITY_TARGETS,
  };
  const answers = await postgresAnswers(settings.databaseUrl);
  if (answers !== true) {
    if (process.env.BENCH_IDENTITY === '1') throw new Error(`identity benchmark: ${answers}`);
    log(`[identity] skipped: ${answers}`);
    report.skipped = answers;
  } else {
    log(
      `[identity] register of ${settings.people.toLocaleString('en-US')} records in ${settings.database}; $match ×${settings.concurrencies.join(', ×')}, ${settings.queries} queries each; a full scan`,
    );
    const register = await loadRegister(settings, log);
    const { queries, target: _target, url: _u, ...kept } = register;
    report.register = { ...kept, database: settings.database, queries: queries.length };
    report.measure = await measure(register, settings, log);
  }
  if (settings.evalPeople > 0) {
    log(
      `[identity] linkage quality on ${settings.evalPeople.toLocaleString('en-US')} generated people, in-process …`,
    );
    report.linkage = await linkage(settings.evalPeople, settings.evalSeed);
    log(
      `[identity] certain P ${report.linkage.certain.precision.toFixed(3)} R ${report.linkage.certain.recall.toFixed(3)} F1 ${report.linkage.certain.f1.toFixed(3)}; probable P ${report.linkage.probable.precision.toFixed(3)} R ${report.linkage.probable.recall.toFixed(3)} F1 ${report.linkage.probable.f1.toFixed(3)}`,
    );
  }
  const files = await writeIdentityReport(report, new URL('../../results/', import.meta.url));
  log('');
  log(identityMarkdown(report));
  log(`Written to ${files.json} and ${files.md}.`);
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runIdentity((line) => process.stdout.write(`${line}\n`))
    .then((r) => {
      const failed = (r.measure?.match ?? []).reduce((n, m) => n + m.non2xx, 0);
      if (failed > 0 || (r.measure && r.measure.scan.status !== 'done')) process.exitCode = 1;
      // The results are written: nothing left to wait for.
      process.exit();
    })
    .catch((err: unknown) => {
      process.stderr.write(
        `identity bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    });
}
