// The strategy type check's own thread: TypeScript's LanguageService is synchronous and a check can
// take seconds (the first one loads the standard library), so it runs here, never on the server's
// event loop. The main thread (type-check-strategy.ts) posts sources and waits for the answers.
// A check's budget is CPU time of this thread, not wall-clock time: on a loaded machine a check that
// would take 0.3 s on an idle one may take seconds of wall time without being any more expensive,
// and must not be refused for it. Loading TypeScript and the standard library is done once, before
// the first check, outside any budget.
import { parentPort, workerData } from 'node:worker_threads';
import type * as TS from 'typescript';
import type { CheckReply, CheckRequest, TypeCheckResult } from './type-check-protocol.ts';

/** Diagnostics reported at most; the rest are counted. */
const MAX_DIAGNOSTICS = 50;
const STRATEGY_FILE = '/nautilus/strategy.ts';
const GLOBALS_FILE = '/nautilus/sandbox-globals.d.ts';
const SDK_ENTRY = '/nautilus/sdk-strategy-api.ts';

const { globalsDts, sdkFiles } = workerData as { globalsDts: string; sdkFiles: string[] };

interface Checker {
  /** True for the error a check throws when it ran past its budget. */
  isTimeout(error: unknown): boolean;
  check(source: string, budgetMs: number): TypeCheckResult;
}

async function createChecker(): Promise<Checker> {
  const ts = (await import('typescript')).default;
  const options: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2024,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2024.d.ts'],
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  };
  const fixed = new Map<string, string>([
    [GLOBALS_FILE, globalsDts],
    [SDK_ENTRY, sdkFiles.map((file) => `export * from ${JSON.stringify(file)};`).join('\n')],
  ]);
  const texts = new Map<string, string | undefined>();
  const readText = (file: string): string | undefined => {
    const own = fixed.get(file);
    if (own !== undefined) return own;
    if (!texts.has(file)) texts.set(file, ts.sys.readFile(file));
    return texts.get(file);
  };
  let strategySource = '';
  let strategyVersion = 0;
  let budgetMs = Number.POSITIVE_INFINITY;
  let startedAt = process.threadCpuUsage();
  const cpuMsSinceStart = () => {
    const used = process.threadCpuUsage(startedAt);
    return (used.user + used.system) / 1000;
  };
  const host: TS.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [STRATEGY_FILE, GLOBALS_FILE],
    getScriptVersion: (file) => (file === STRATEGY_FILE ? String(strategyVersion) : '1'),
    getScriptSnapshot: (file) => {
      const text = file === STRATEGY_FILE ? strategySource : readText(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/nautilus',
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (file) => file === STRATEGY_FILE || readText(file) !== undefined,
    readFile: (file) => (file === STRATEGY_FILE ? strategySource : readText(file)),
    resolveModuleNameLiterals: (literals, containingFile) =>
      literals.map((literal) => {
        // A strategy imports only `@nautilus/sdk` (the compiler refuses anything else, with its own message).
        if (literal.text === '@nautilus/sdk') {
          return { resolvedModule: { resolvedFileName: SDK_ENTRY, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
        }
        return ts.resolveModuleName(literal.text, containingFile, options, ts.sys);
      }),
    getCancellationToken: () => ({ isCancellationRequested: () => cpuMsSinceStart() > budgetMs }),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());

  return {
    isTimeout: (error) => error instanceof ts.OperationCanceledException,
    check(source, budget) {
      strategySource = source;
      strategyVersion++;
      budgetMs = budget;
      startedAt = process.threadCpuUsage();
      try {
        const found = [
          ...service.getSyntacticDiagnostics(STRATEGY_FILE),
          ...service.getSemanticDiagnostics(STRATEGY_FILE),
        ].filter((item) => item.category === ts.DiagnosticCategory.Error);
        const file = service.getProgram()?.getSourceFile(STRATEGY_FILE);
        const diagnostics = found.slice(0, MAX_DIAGNOSTICS).map((item) => {
          const { line, character } = file?.getLineAndCharacterOfPosition(item.start ?? 0) ?? { line: 0, character: 0 };
          return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(item.messageText, '\n') };
        });
        return { diagnostics, total: found.length };
      } finally {
        budgetMs = Number.POSITIVE_INFINITY;
      }
    },
  };
}

/** The checker, warmed up: the standard library and the sdk's API loaded and checked once, without a budget. */
const checker = createChecker().then((ready) => {
  ready.check('export default defineStrategy({ onBar(ctx) {} });', Number.POSITIVE_INFINITY);
  return ready;
});

parentPort?.on('message', async ({ id, source, budgetMs }: CheckRequest) => {
  let reply: CheckReply;
  try {
    const { check, isTimeout } = await checker;
    parentPort?.postMessage({ id, started: true } satisfies CheckReply);
    try {
      reply = { id, result: check(source, budgetMs) };
    } catch (error) {
      reply = isTimeout(error) ? { id, timeout: true } : { id, error: String((error as Error)?.stack ?? error) };
    }
  } catch (error) {
    reply = { id, error: String((error as Error)?.stack ?? error) };
  }
  parentPort?.postMessage(reply);
});
