/**
 * The catalog as a service of the language (issue 9): the node types and wire types every
 * check, completion, hover and graph reads, as one immutable snapshot composed from node packs.
 * Swapping the packs (a workspace pack edited, a ComfyUI server's node list fetched) replaces the
 * snapshot, fires `onDidChange`, and the language server rebuilds its documents so diagnostics
 * follow.
 */
import { Emitter, type Event } from 'langium';
import { BUILTIN_PACK } from '../../../../catalog/src/builtin-catalog.js';
import { Catalog, type NodePack, type PackProblem } from '../../../../catalog/src/catalog.js';

export class CatalogService {
    private snapshot: Catalog = Catalog.compose([BUILTIN_PACK]);
    private readonly changed = new Emitter<Catalog>();
    readonly onDidChange: Event<Catalog> = this.changed.event;

    get current(): Catalog {
        return this.snapshot;
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
}
