/**
 * The catalog as a service of the language (issue 9): the node types and wire types every
 * check, completion, hover and graph reads, as immutable snapshots composed from node packs —
 * one per engine (catalog/src/engines.ts): `local` (built-in and workspace packs) and `comfyui`
 * (a ComfyUI server's node list and the built-ins that map to ComfyUI nodes). Swapping packs (a
 * workspace pack edited, a server's node list fetched) or the default engine replaces the
 * snapshots, fires `onDidChange`, and the language server rebuilds its documents so diagnostics
 * follow.
 */
import { Emitter, type Event } from 'langium';
import { BUILTIN_PACK } from '../../../../catalog/src/builtin-catalog.js';
import { Catalog, type NodePack, type PackProblem } from '../../../../catalog/src/catalog.js';
import { comfyuiCatalog, DEFAULT_ENGINE, type EngineName } from '../../../../catalog/src/engines.js';
import { isComfyMappable } from './comfyui-mappable.js';

export interface ComfyPackState {
    /** The server's (or saved file's) pack; absent when none could be loaded. */
    readonly pack?: NodePack;
    readonly problems: readonly PackProblem[];
    /** Where the language looked: shown when there is no pack. */
    readonly sources: readonly string[];
}

export class CatalogService {
    private snapshot: Catalog = Catalog.compose([BUILTIN_PACK]);
    private comfy: ComfyPackState = { problems: [], sources: [] };
    private comfySnapshot: Catalog = comfyuiCatalog(BUILTIN_PACK, undefined, isComfyMappable);
    private engine: EngineName = DEFAULT_ENGINE;
    private override: EngineName | undefined;
    private readonly changed = new Emitter<Catalog>();
    readonly onDidChange: Event<Catalog> = this.changed.event;

    /** The local engine's catalog (built-in and workspace packs). */
    get current(): Catalog {
        return this.snapshot;
    }

    /** The engine a workflow runs on when it names none (`flowstudio.engine`). */
    get defaultEngine(): EngineName {
        return this.engine;
    }

    /** Whether a ComfyUI node list is loaded; without one a ComfyUI workflow's unknown nodes are not judged. */
    get comfyuiState(): ComfyPackState {
        return this.comfy;
    }

    /** The engine every workflow is checked for whatever it says (`flowstudio check --engine`), if set. */
    get engineOverride(): EngineName | undefined {
        return this.override;
    }

    forEngine(engine: EngineName): Catalog {
        return engine === 'comfyui' ? this.comfySnapshot : this.snapshot;
    }

    /**
     * The built-in pack first (it wins every name conflict), then `packs` in order. Setting no
     * packs and no problems on a catalog that has none changes nothing and rebuilds nothing.
     */
    setPacks(packs: readonly NodePack[], problems: readonly PackProblem[] = []): void {
        if (!packs.length && !problems.length && this.snapshot.packs.length === 1 && !this.snapshot.problems.length) return;
        this.snapshot = Catalog.compose([BUILTIN_PACK, ...packs], problems);
        this.changed.fire(this.snapshot);
    }

    /** A ComfyUI node list loaded (or failed to load: problems only). */
    setComfyPack(state: ComfyPackState): void {
        if (!state.pack && !this.comfy.pack && !state.problems.length && !this.comfy.problems.length) {
            this.comfy = state;
            return;
        }
        this.comfy = state;
        this.comfySnapshot = comfyuiCatalog(BUILTIN_PACK, state.pack, isComfyMappable, state.problems);
        this.changed.fire(this.snapshot);
    }

    setDefaultEngine(engine: EngineName, override?: EngineName): void {
        if (engine === this.engine && override === this.override) return;
        this.engine = engine;
        this.override = override;
        this.changed.fire(this.snapshot);
    }
}
