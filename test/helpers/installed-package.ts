import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function result(r: SpawnSyncReturns<string>): Run {
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command in `cwd`, as a shell would, without the CI-unfriendly npm chatter. */
export function exec(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Run {
  return result(
    spawnSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env },
    }),
  );
}

/**
 * Packs sim as `npm publish` would and returns the tarball's path. dist/ is brought up to date
 * first (a no-op when it already matches the sources), so the package holds the code under test.
 */
export function packSim(dest: string): string {
  const build = exec(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], ROOT);
  if (build.code !== 0) throw new Error(`build failed: ${build.stderr}`);
  const pack = exec('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dest], ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${dest}`);
  return join(dest, tarball);
}

/** Installs packages into a project from npm's cache where it can (`--prefer-offline`). */
export function npmInstall(cwd: string, specs: readonly string[] = []): Run {
  return exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], cwd);
}

/** An empty project (a package.json and nothing else) in `dir`, as `npm init` would leave it. */
export function emptyProject(dir: string, name: string): void {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true }, null, 2)}\n`);
}
