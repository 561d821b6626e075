// The suite the story runs against: `./timeflow up` itself (the launcher's jar, with the services' and the
// console's packaged jars), on ports no other process holds, with its data under the story's output folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const HOME = resolve(process.env.TIMEFLOW_HOME ?? join(import.meta.dirname, '..', '..', '..'));
const JAVA = process.env.TIMEFLOW_JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
const LAUNCHER = join(HOME, 'launcher', 'target', 'timeflow-launcher.jar');

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A block of ports: the console on base, the services on base+1..4, management on base+10.., PostgreSQL, Kafka. */
async function freeBlock(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // below Linux's ephemeral range (32768-60999), as the Java tests' Ports: a port in it may be taken as the local
    // port of an outgoing connection between this check and the launcher's bind (a clean-clone run failed so)
    const base = 24000 + Math.floor(Math.random() * 797) * 10;
    const ports = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22].map((d) => base + d);
    let all = true;
    for (const p of ports) {
      if (!(await portFree(p))) {
        all = false;
        break;
      }
    }
    if (all) return base;
  }
  throw new Error('no free block of ports found');
}

export class Suite {
  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
    readonly consoleUrl: string,
    readonly base: number,
    readonly log: string,
  ) {}

  /** Starts the suite and waits until the launcher says every part is healthy (it prints the console's URL). */
  static async start(out: string): Promise<Suite> {
    if (!existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} is missing: package the project first (mvn package)`);
    const dataDir = join(out, 'suite');
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const base = await freeBlock();
    const log = join(out, 'launcher.log');
    const logStream = createWriteStream(log);
    const child = spawn(JAVA, ['-jar', LAUNCHER, 'up', '--http-port-base', String(base), '--management-port-base', String(base + 10),
      '--postgres-port', String(base + 20), '--kafka-port', String(base + 21), '--data-dir', dataDir], {
      cwd: HOME,
      env: {
        ...process.env,
        TIMEFLOW_HOME: HOME,
        // one start per run: no AOT cache to record (its writing would slow the stop down)
        TIMEFLOW_AOT_CACHE: 'off',
        // the story times no upgrade: plugin-service's warm-up would only take the machine's cores from it
        TIMEFLOW_PLUGIN_WARM_UP_OBJECTS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(logStream);
    child.stderr!.pipe(logStream);
    let text = '';
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`the suite was not up within 6 minutes; see ${log}`)), 6 * 60_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const up = /Timeflow is up/.exec(text);
        const console = /console: (http:\/\/localhost:\d+\/)/.exec(text);
        if (up && console) {
          clearTimeout(timer);
          resolveUrl(console[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`./timeflow up exited with ${code} before the suite was up; see ${log}\n${text.slice(-2000)}`));
      });
    });
    return new Suite(child, dataDir, url, base, log);
  }

  /** A token of the local suite (`./timeflow token --role R`). */
  token(role: string): string {
    const r = spawnSync(JAVA, ['-jar', LAUNCHER, 'token', '--role', role, '--data-dir', this.dataDir], { cwd: HOME, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`./timeflow token failed: ${r.stderr}`);
    return r.stdout.trim();
  }

  /** A service's API, as an agent on a staging host calls it (directly, not through the console). */
  api(service: 'staging' | 'snapshot' | 'plugin' | 'backup'): string {
    return `http://localhost:${this.base + ['staging', 'snapshot', 'plugin', 'backup'].indexOf(service) + 1}`;
  }

  serviceLog(name: string): string {
    const file = join(this.dataDir, 'logs', `${name}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** SIGTERM, as Ctrl-C would: the launcher stops the services, the broker and PostgreSQL, then exits. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((done) => this.child.once('exit', () => done()));
    this.child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 90_000));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}
