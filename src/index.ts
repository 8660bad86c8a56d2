import { loadConfig, ConfigError } from './config';
import { createBrobygger } from './compose';
import { CatalogError } from './catalog/readDataFile';

/** Starts the bot's HTTP server. Only wiring lives here; see src/compose.ts. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }

  const started = performance.now();
  const brobygger = await createBrobygger(config).catch((err) => {
    console.error(err instanceof CatalogError ? `Invalid data file:\n${err.message}` : `Start-up failed: ${(err as Error).message}`);
    process.exit(2);
  });
  const { logger, http, backend } = brobygger;

  if (backend.kind === 'memory') {
    const line = '!'.repeat(78);
    logger.warn('No REDIS_URL set: state is kept IN MEMORY. It is lost on restart and not shared between instances.');
    process.stderr.write(`\n${line}\n!! IN-MEMORY STATE: no REDIS_URL is set. Fine for trying the bot; not for production.\n${line}\n\n`);
  }

  if (!config.microsoftApp.appId && config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1') {
    logger.warn({ host: config.host }, 'No MicrosoftAppId: the bot accepts unauthenticated requests from the network. Use this only behind a trusted proxy or for local testing.');
  }
  http.server.listen(config.port, config.host, () => {
    logger.info(
      { port: config.port, storage: backend.kind, startupMs: Math.round(performance.now() - started) },
      `Brobygger listening: the chat on http://localhost:${config.port}/, Bot Framework on http://localhost:${config.port}/api/messages`,
    );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // At once: no new connections, idle keep-alive ones closed, new requests on open ones 503 (src/server.ts).
    brobygger.stopAccepting();
    logger.info({ signal, inFlight: http.inFlight() }, 'shutting down: no new turns, finishing turns in flight');
    const deadline = Date.now() + 10_000;
    while (http.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (http.inFlight() > 0) logger.warn({ inFlight: http.inFlight() }, 'shutdown: requests still in flight after 10 s are cut');
    await brobygger.close().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

void main();
