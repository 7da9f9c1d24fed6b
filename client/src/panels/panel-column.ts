/**
 * Where the run panels (Outputs, Training dashboard) open. Beside the active editor, as
 * usual, unless a graph view is visible: the graph animates the run, so the panels open in
 * the column right of it (VS Code creates that column when it does not exist yet) rather
 * than covering it. Pure (no `vscode`): the host passes its editor groups.
 */
export interface EditorGroupInfo {
    /** `TabGroup.viewColumn` (1-based). */
    column: number;
    /** Whether the group's active tab is a graph view (visible, not behind another tab). */
    showsGraph: boolean;
}

/** The column right of the rightmost visible graph view; undefined when none is visible. */
export function columnBesideGraph(groups: readonly EditorGroupInfo[]): number | undefined {
    const graphColumns = groups.filter(g => g.showsGraph).map(g => g.column);
    return graphColumns.length > 0 ? Math.max(...graphColumns) + 1 : undefined;
}
