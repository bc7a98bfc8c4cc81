import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../../test/databases.ts';
import { type Auth, type Harness, openHarness, sampleDocument } from '../../../test/harness.ts';
import { loopbackRegistry, ticksFolder } from '../../../test/plugin-packages.ts';
import { PluginHost } from '../plugin-host.ts';
import { sriSha512 } from './integrity.ts';
import { packFolder } from './pack-folder.ts';
import { fileDigests, listPackageFiles } from './package-files.ts';
import type { PackageReview } from './package-review.ts';
import { generateSigningKey, SIGNATURE_FILE, signFiles } from './package-signature.ts';
import { PluginInstaller } from './plugin-installer.ts';

const range = { from: '2024-01-01', to: '2024-02-01' };

/** Signs a plugin folder as `nautilus plugins sign` does. */
function signFolder(dir: string, privateKeyPem: string): void {
  const files = listPackageFiles(dir).filter((path) => path !== SIGNATURE_FILE);
  writeFileSync(join(dir, SIGNATURE_FILE), JSON.stringify(signFiles(fileDigests(dir, files), privateKeyPem), null, 2));
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`plugin installs on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let admin: Auth;
    let editor: Auth;
    let registry: Awaited<ReturnType<typeof loopbackRegistry>>;
    const feedV1 = ticksFolder({ id: 'acme.feed', packageName: '@acme/feed', version: '1.0.0' });
    const feedV2 = ticksFolder({ id: 'acme.feed', packageName: '@acme/feed', version: '2.0.0' });
    const feedV3 = ticksFolder({ id: 'acme.feed', packageName: '@acme/feed', version: '3.0.0', secrets: ['FEED_TOKEN'] });

    beforeAll(async () => {
      const bytes = await Promise.all([feedV1, feedV2, feedV3].map((dir) => packFolder(dir)));
      const tampered = await packFolder(ticksFolder({ id: 'acme.forged', packageName: '@acme/forged' }));
      registry = await loopbackRegistry({
        '@acme/feed': [
          { version: '1.0.0', bytes: bytes[0] as Buffer },
          { version: '2.0.0', bytes: bytes[1] as Buffer },
        ],
        '@acme/forged': [{ version: '1.0.0', bytes: tampered, integrity: sriSha512(bytes[0] as Buffer) }],
        '@acme/later': [{ version: '3.0.0', bytes: bytes[2] as Buffer }],
      });
      database = await dialect.create();
      // Installed plugins start processes of their own: setup and calls get a loaded machine's time.
      api = await openHarness(database, {
        env: {
          NAUTILUS_NPM_REGISTRY: registry.url,
          NAUTILUS_PLUGIN_SETUP_TIMEOUT_MS: '10000',
          NAUTILUS_PLUGIN_CALL_TIMEOUT_MS: '10000',
        },
      });
      admin = await api.loginAs('admin');
      editor = await api.loginAs('editor');
    }, 120_000);
    afterAll(async () => {
      await api?.close();
      await registry?.close();
      await database?.drop();
    });

    const upload = async (bytes: Buffer, auth: Auth = admin, query = '') => {
      const response = await api.request(`/plugin-packages?fileName=plugin.tgz${query}`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: { cookie: auth.cookie ?? '' },
      });
      return {
        status: response.status,
        body: (await response.json()) as PackageReview & { error: { code: string; message: string; fields: { path: string }[] } },
      };
    };
    const query = (ref: string) => api.call('dataSources.query', { dataSource: ref, params: {}, range }, admin);
    const hostStatus = (id: string) => api.services.plugins.list().find((status) => status.id === id);

    it('stages an uploaded tarball without loading it, and loads it once an admin approves', async () => {
      const bytes = await packFolder(ticksFolder());
      const staged = await upload(bytes);
      expect(staged.status, JSON.stringify(staged.body)).toBe(200);
      expect(staged.body).toMatchObject({
        pluginId: 'acme.ticks',
        version: '1.0.0',
        packageName: '@acme/nautilus-ticks',
        integrity: sriSha512(bytes),
        signature: { state: 'unsigned' },
        permissions: { network: ['api.acme.example'], secrets: [] },
        contributes: { dataSources: [{ id: 'ticks', name: 'Ticks' }] },
        installedVersion: null,
        added: { network: ['api.acme.example'], secrets: [], kinds: ['network'] },
        needsApproval: true,
        approved: false,
        engine: '^0.1.0',
      });
      expect(hostStatus('acme.ticks')).toBeUndefined();
      expect((await query('acme.ticks/ticks')).status).not.toBe(200);
      expect(
        (await api.call('pluginInstalls.list', undefined, admin)).data.staged.map((item: PackageReview) => item.pluginId),
      ).toEqual(['acme.ticks']);

      const wrong = await api.call(
        'pluginInstalls.approve',
        { pluginId: 'acme.ticks', version: '1.0.0', integrity: sriSha512(Buffer.from('x')) },
        admin,
      );
      expect(wrong.error.data.nautilus.code).toBe('CONFLICT');
      const approved = await api.call(
        'pluginInstalls.approve',
        { pluginId: 'acme.ticks', version: '1.0.0', integrity: staged.body.integrity },
        admin,
      );
      expect(approved.status, JSON.stringify(approved.error)).toBe(200);
      expect(approved.data).toMatchObject({
        pluginId: 'acme.ticks',
        version: '1.0.0',
        state: 'active',
        enabled: true,
        origin: { kind: 'upload', fileName: 'plugin.tgz' },
        // An installed plugin runs in a process of its own; the page lists what confines it.
        isolation: {
          mode: 'process',
          parts: expect.arrayContaining([expect.objectContaining({ part: 'files', enforced: true })]),
        },
        restarts: 0,
      });
      expect(hostStatus('acme.ticks')).toMatchObject({ state: 'active', source: 'installed', version: '1.0.0' });
      expect((await query('acme.ticks/ticks')).data.frames[0]).toMatchObject({ kind: 'scalar', value: 1 });
      expect(existsSync(join(database.options.dataDir, 'plugins', 'acme.ticks', '1.0.0', 'index.js'))).toBe(true);
    });

    it('lets only admins stage or manage plugins', async () => {
      expect((await upload(await packFolder(ticksFolder()), editor)).status).toBe(403);
      expect((await upload(await packFolder(ticksFolder()), {})).status).toBe(401);
      expect((await api.call('pluginInstalls.list', undefined, editor)).error.data.nautilus.code).toBe('FORBIDDEN');
      expect((await api.call('pluginInstalls.disable', { pluginId: 'acme.ticks' }, editor)).error.data.nautilus.code).toBe(
        'FORBIDDEN',
      );
    });

    it('refuses a package whose integrity is not the expected one, and stores nothing', async () => {
      const bytes = await packFolder(ticksFolder({ version: '1.0.1' }));
      const other = sriSha512(Buffer.from('another package'));
      const refused = await upload(bytes, admin, `&integrity=${encodeURIComponent(other)}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(
        `does not match its expected integrity: expected ${other}, got ${sriSha512(bytes)}`,
      );
      expect(
        (await api.call('pluginInstalls.review', { pluginId: 'acme.ticks', version: '1.0.1' }, admin)).error.data.nautilus.code,
      ).toBe('NOT_FOUND');
    });

    it('holds an update that asks for a new host until it is approved, then swaps versions without a restart', async () => {
      const staged = await upload(
        await packFolder(ticksFolder({ version: '2.0.0', network: ['api.acme.example', 'feed.acme.example'] })),
      );
      expect(staged.body).toMatchObject({
        version: '2.0.0',
        installedVersion: '1.0.0',
        added: { network: ['feed.acme.example'], secrets: [], kinds: [] },
        needsApproval: true,
      });
      expect((await query('acme.ticks/ticks')).data.frames[0].value).toBe(1);
      const listed = (await api.call('pluginInstalls.list', undefined, admin)).data.installed[0];
      expect(listed).toMatchObject({ version: '1.0.0', pending: [{ version: '2.0.0', needsApproval: true }] });

      const approved = await api.call(
        'pluginInstalls.approve',
        { pluginId: 'acme.ticks', version: '2.0.0', integrity: staged.body.integrity },
        admin,
      );
      expect(approved.data).toMatchObject({ version: '2.0.0', previousVersion: '1.0.0', state: 'active', pending: [] });
      expect((await query('acme.ticks/ticks')).data.frames[0].value).toBe(2);

      const back = await api.call('pluginInstalls.rollback', { pluginId: 'acme.ticks' }, admin);
      expect(back.data).toMatchObject({ version: '1.0.0', previousVersion: '2.0.0', state: 'active' });
      expect((await query('acme.ticks/ticks')).data.frames[0].value).toBe(1);
      expect(existsSync(join(database.options.dataDir, 'plugins', 'acme.ticks', '2.0.0'))).toBe(true);
      await api.call('pluginInstalls.rollback', { pluginId: 'acme.ticks' }, admin);
      expect((await query('acme.ticks/ticks')).data.frames[0].value).toBe(2);
    });

    it('refuses an update whose engine range excludes this core, saying why', async () => {
      const refused = await upload(await packFolder(ticksFolder({ version: '9.0.0', engine: '^9.0.0' })));
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('requires Nautilus core ^9.0.0 (manifest.engine); this core is 0.1.0');
      expect(refused.body.error.fields.map((field) => field.path)).toEqual(['manifest.engine']);
      expect((await query('acme.ticks/ticks')).data.frames[0].value).toBe(2);
    });

    it('disables and enables a plugin while the server runs', async () => {
      const disabled = await api.call('pluginInstalls.disable', { pluginId: 'acme.ticks' }, admin);
      expect(disabled.data).toMatchObject({ state: 'disabled', enabled: false });
      expect(hostStatus('acme.ticks')).toBeUndefined();
      expect((await query('acme.ticks/ticks')).status).not.toBe(200);
      const enabled = await api.call('pluginInstalls.enable', { pluginId: 'acme.ticks' }, admin);
      expect(enabled.data).toMatchObject({ state: 'active', enabled: true });
      expect((await query('acme.ticks/ticks')).data.frames[0].value).toBe(2);
    });

    it('installs from a registry by name, checks dist.integrity, and updates in place when nothing new is asked', async () => {
      const staged = await api.call('pluginInstalls.stageFromRegistry', { name: '@acme/feed', version: '1.0.0' }, admin);
      expect(staged.status, JSON.stringify(staged.error)).toBe(200);
      expect(staged.data).toMatchObject({
        pluginId: 'acme.feed',
        version: '1.0.0',
        origin: { kind: 'registry', name: '@acme/feed', registry: registry.url },
      });
      expect(registry.requests).toContain('/@acme%2ffeed');
      await api.call(
        'pluginInstalls.approve',
        { pluginId: 'acme.feed', version: '1.0.0', integrity: staged.data.integrity },
        admin,
      );
      expect((await query('acme.feed/ticks')).data.frames[0].value).toBe(1);

      const updated = await api.call('pluginInstalls.update', { pluginId: 'acme.feed' }, admin);
      expect(updated.data).toMatchObject({
        status: 'applied',
        review: { version: '2.0.0', needsApproval: false },
        plugin: { version: '2.0.0', state: 'active' },
      });
      expect((await query('acme.feed/ticks')).data.frames[0].value).toBe(2);
      expect((await api.call('pluginInstalls.update', { pluginId: 'acme.feed' }, admin)).data.status).toBe('up-to-date');

      const forged = await api.call('pluginInstalls.stageFromRegistry', { name: '@acme/forged' }, admin);
      expect(forged.error.data.nautilus.code).toBe('VALIDATION');
      expect(forged.error.message).toContain('does not match its expected integrity');
      const missing = await api.call('pluginInstalls.stageFromRegistry', { name: '@acme/nothing' }, admin);
      expect(missing.error.data.nautilus.code).toBe('NOT_FOUND');
    });

    it('tells signed, unsigned, untrusted and tampered packages apart, and can refuse all but signed ones', async () => {
      const key = generateSigningKey();
      const stranger = generateSigningKey();
      const added = await api.call('pluginInstalls.addTrustedKey', { name: 'ACME release key', publicKey: key.publicKey }, admin);
      expect(added.data).toMatchObject({ keyId: key.keyId, name: 'ACME release key' });
      const stage = async (version: string, sign?: string, tamper = false) => {
        const dir = ticksFolder({ id: 'acme.signed', packageName: '@acme/signed', version });
        if (sign) signFolder(dir, sign);
        if (tamper)
          writeFileSync(join(dir, 'index.js'), `${readFileSync(join(dir, 'index.js'), 'utf8')}\n// changed after signing\n`);
        return upload(await packFolder(dir));
      };
      expect((await stage('1.0.0', key.privateKeyPem)).body.signature).toEqual({
        state: 'signed',
        keyId: key.keyId,
        keyName: 'ACME release key',
      });
      expect((await stage('1.0.1')).body.signature).toEqual({ state: 'unsigned' });
      expect((await stage('1.0.2', key.privateKeyPem, true)).body.signature).toEqual({
        state: 'invalid',
        keyId: key.keyId,
        reason: 'index.js changed since it was signed',
      });
      expect((await stage('1.0.3', stranger.privateKeyPem)).body.signature).toMatchObject({
        state: 'untrusted',
        keyId: stranger.keyId,
      });

      const on = await api.call('pluginInstalls.setRequireSigned', { value: true }, admin);
      expect(on.data).toEqual({ value: true, forcedByEnvironment: false });
      const refused = await stage('1.0.4');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('accepts only plugins signed by a trusted key, and this one is unsigned');
      // Staged before the setting: approving it is refused too, with the reason shown in its review.
      const review = await api.call('pluginInstalls.review', { pluginId: 'acme.signed', version: '1.0.1' }, admin);
      expect(review.data.refusal).toContain('unsigned');
      const approval = await api.call(
        'pluginInstalls.approve',
        { pluginId: 'acme.signed', version: '1.0.1', integrity: review.data.integrity },
        admin,
      );
      expect(approval.error.data.nautilus.code).toBe('FORBIDDEN');
      const signed = await api.call('pluginInstalls.review', { pluginId: 'acme.signed', version: '1.0.0' }, admin);
      const installed = await api.call(
        'pluginInstalls.approve',
        { pluginId: 'acme.signed', version: '1.0.0', integrity: signed.data.integrity },
        admin,
      );
      expect(installed.data).toMatchObject({ state: 'active', signature: { state: 'signed', keyName: 'ACME release key' } });
      await api.call('pluginInstalls.setRequireSigned', { value: false }, admin);

      // Distrusting the key turns the installed plugin's status to untrusted at once.
      await api.call('pluginInstalls.removeTrustedKey', { keyId: key.keyId }, admin);
      const after = (await api.call('pluginInstalls.list', undefined, admin)).data.installed.find(
        (item: { pluginId: string }) => item.pluginId === 'acme.signed',
      );
      expect(after.signature.state).toBe('untrusted');
    });

    it('two admins trusting the same key at once: one gets it, the other a CONFLICT, never an internal error', async () => {
      const key = generateSigningKey();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          api.call('pluginInstalls.addTrustedKey', { name: 'Raced release key', publicKey: key.publicKey }, admin),
        ),
      );
      expect(answers.filter((answer) => answer.data).length).toBe(1);
      for (const answer of answers.filter((each) => each.error))
        expect(answer.error.data.nautilus.code, JSON.stringify(answer.error)).toBe('CONFLICT');
    });

    it('loads only approved, enabled installs on start-up, unpacking from the database, and follows another instance', async () => {
      // A second instance: its own host and data dir, the same database and bus.
      const otherDir = `${database.options.dataDir}-second`;
      const host = new PluginHost({
        coreVersion: '0.1.0',
        folders: [],
        logger: pino({ level: 'silent' }),
        bus: api.services.bus,
        pluginConfig: {},
        readSecret: () => undefined,
        setupTimeoutMs: 10_000,
        callTimeoutMs: 5_000,
        fetchTimeoutMs: 5_000,
        isolation: { policy: 'third-party', memoryMb: 128 },
      });
      const second = new PluginInstaller({
        db: api.services.db,
        host,
        dataDir: otherDir,
        coreVersion: '0.1.0',
        registry: registry.url,
        requireSignedByEnvironment: false,
        bus: api.services.bus,
        logger: pino({ level: 'silent' }),
      });
      try {
        await second.loadInstalled();
        const loaded = host
          .list()
          .map((status) => `${status.id}@${status.version}`)
          .sort();
        // acme.signed 1.0.1 … 1.0.3 are staged, never approved: they do not load.
        expect(loaded).toEqual(['acme.feed@2.0.0', 'acme.signed@1.0.0', 'acme.ticks@2.0.0']);
        expect(existsSync(join(otherDir, 'plugins', 'acme.ticks', '2.0.0', 'package.json'))).toBe(true);
        const unfollow = await second.follow();
        await api.call('pluginInstalls.disable', { pluginId: 'acme.feed' }, admin);
        await eventually(() => !host.list().some((status) => status.id === 'acme.feed'), 'the second instance to drop acme.feed');
        await api.call('pluginInstalls.enable', { pluginId: 'acme.feed' }, admin);
        await eventually(
          () => host.list().some((status) => status.id === 'acme.feed' && status.state === 'active'),
          'the second instance to load acme.feed',
        );
        await unfollow();
      } finally {
        await host.teardown();
        rmSync(otherDir, { recursive: true, force: true });
      }
    }, 60_000);

    it('lists the dashboards and deployments using a plugin before uninstalling it, and needs confirming', async () => {
      const document = sampleDocument('Ticks desk');
      (document.panels as Record<string, unknown>[]).push({
        id: 'ticks',
        type: 'nautilus.widgets-core/stat',
        pluginVersion: '0.1.0',
        title: 'Ticks now',
        gridPos: { x: 12, y: 0, w: 6, h: 4 },
        query: { dataSource: 'acme.ticks/ticks', params: {} },
        options: {},
      });
      const created = await api.call('dashboards.create', { document }, admin);
      expect(created.status, JSON.stringify(created.error)).toBe(200);
      await api.call('dashboards.create', { document: sampleDocument('Unrelated') }, admin);

      const dependents = await api.call('pluginInstalls.dependents', { pluginId: 'acme.ticks' }, admin);
      expect(dependents.data).toEqual({
        dashboards: [{ id: created.data.id, title: 'Ticks desk', panels: ['Ticks now'] }],
        deployments: [],
        portfolios: [],
      });
      const unconfirmed = await api.call('pluginInstalls.uninstall', { pluginId: 'acme.ticks' }, admin);
      expect(unconfirmed.error.data.nautilus.fields.map((field: { path: string }) => field.path)).toEqual(['confirm']);
      expect(hostStatus('acme.ticks')?.state).toBe('active');

      const removed = await api.call('pluginInstalls.uninstall', { pluginId: 'acme.ticks', confirm: true }, admin);
      expect(removed.data).toMatchObject({ uninstalled: true, dependents: { dashboards: [{ title: 'Ticks desk' }] } });
      expect(hostStatus('acme.ticks')).toBeUndefined();
      expect((await query('acme.ticks/ticks')).status).not.toBe(200);
      expect(existsSync(join(database.options.dataDir, 'plugins', 'acme.ticks'))).toBe(false);
      const listed = (await api.call('pluginInstalls.list', undefined, admin)).data;
      expect(listed.installed.map((item: { pluginId: string }) => item.pluginId)).not.toContain('acme.ticks');
      expect(
        await api.services.db.selectFrom('plugin_versions').select('version').where('plugin_id', '=', 'acme.ticks').execute(),
      ).toEqual([]);
    });
  });
}
