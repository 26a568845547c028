import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir, openDatabase } from './database.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { createTestDatabase, testEngine } from '../test-support/test-database.ts';

describe(`migrations (${testEngine})`, () => {
  it('bring a database to the latest schema, once', async () => {
    const opened = await createTestDatabase();
    try {
      expect(await pendingMigrations(opened.db)).toEqual([]);
      expect(await migrateToLatest(opened.db)).toEqual([]);
      const tables = await opened.db.introspection.getTables();
      const names = tables.map((t) => t.name);
      for (const table of [
        'organizations',
        'locations',
        'users',
        'memberships',
        'sessions',
        'api_tokens',
        'audit_events',
        'audit_head',
        'jobs',
        'people',
        'areas',
      ]) {
        expect(names).toContain(table);
      }
    } finally {
      await opened.close();
    }
  });

  it('apply every migration in order on an empty embedded database', async () => {
    const opened = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      expect(await pendingMigrations(opened.db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(opened.db)).toEqual(Object.keys(migrations));
      expect(await pendingMigrations(opened.db)).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('are named with sortable timestamps, in order', () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}-[a-z0-9-]+$/);
  });
});

describe('data directory lock', () => {
  it('refuses a second owner while the first is alive and takes over a dead one’s lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-lock-'));
    try {
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
      fs.writeFileSync(path.join(dir, 'continuum.lock'), String(child.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const release = lockDataDir(dir);
      expect(fs.readFileSync(path.join(dir, 'continuum.lock'), 'utf8')).toBe(String(process.pid));
      release();
      expect(fs.existsSync(path.join(dir, 'continuum.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('embedded data directory', () => {
  it('is readable by the server’s user only: the folder and its folders 0700, its files 0600, while open and after close', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-modes-')), 'data');
    const modes = () =>
      fs.readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
        const mode = fs.statSync(path.join(e.parentPath, e.name)).mode & 0o777;
        return e.isDirectory()
          ? mode === 0o700
            ? 'dir ok'
            : `dir ${mode.toString(8)}`
          : mode === 0o600
            ? 'file ok'
            : `file ${mode.toString(8)}`;
      });
    try {
      const opened = await openDatabase({ kind: 'pglite', dataDir: dir });
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(new Set(modes())).toEqual(new Set(['dir ok', 'file ok']));
      await migrateToLatest(opened.db);
      await opened.close();
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(new Set(modes())).toEqual(new Set(['dir ok', 'file ok']));
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
