/**
 * Root hooks of `npm run test:comfyui`: one ComfyUI server for every spec, started before the
 * first and stopped after the last; where it cannot run, every spec skips with the reason.
 */
import { startComfy, stopComfy, unavailable, type ComfyServer } from './comfyui-server.js';

let server: ComfyServer | undefined;
let skipReason: string | undefined;

/** The running server, or skips the calling suite with the reason printed. */
export function comfyServer(context: Mocha.Context): ComfyServer {
    if (!server) {
        context.skip();
    }
    return server!;
}

export const mochaHooks = {
    async beforeAll(this: Mocha.Context): Promise<void> {
        this.timeout(15 * 60_000); // a fresh machine installs ComfyUI first (~2 min, more when busy)
        skipReason = unavailable();
        if (skipReason) {
            console.log(`\n  ComfyUI integration suite skipped: ${skipReason}\n`);
            return;
        }
        const started = Date.now();
        server = await startComfy();
        console.log(`\n  ComfyUI at ${server.url} (pid ${server.pid}), up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
    async afterAll(this: Mocha.Context): Promise<void> {
        this.timeout(30_000);
        if (server) await stopComfy(server);
    },
};
