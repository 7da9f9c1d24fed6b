/**
 * The resolved graph: what `flowstudio graph --json` prints, what the language server's
 * `flowstudio/graph` request returns to the graph view, and what the engine executes
 * (after `flattenWorkflow` inlines subgraphs). Pure JSON data; positions are LSP-style
 * (0-based line and character). Documented in docs/ARCHITECTURE.md; change it only
 * together with all its users.
 */
import type { Category, ParamValue, PortType, DataType } from './schema.js';
import type { EngineName } from './engines.js';

export interface SourcePosition { line: number; character: number }
export interface SourceRange { start: SourcePosition; end: SourcePosition }

/** Where a node's argument value comes from. */
export type ArgSource =
    /** A constant written in the file (or the schema default when `defaulted`). */
    | { kind: 'literal'; value: ParamValue; defaulted?: boolean }
    /** A wire from another node's output. */
    | { kind: 'wire'; node: string; output: string; type: PortType }
    /** Inside a subgraph: the value of one of the subgraph's inputs. */
    | { kind: 'subgraph-input'; input: string; type: PortType };

export interface GraphPort {
    name: string;
    type: PortType;
    /** For inputs: true when the node cannot run without it. */
    required?: boolean;
}

export interface GraphNode {
    /** Unique within its workflow: the node's name, or `Type#n` for anonymous nodes. */
    id: string;
    /** The name written in the file; absent for anonymous nodes. */
    name?: string;
    type: string;
    category: Category | 'subgraph' | 'unknown';
    isOutput: boolean;
    /** The whole statement. */
    range: SourceRange;
    /** The node's name, for rename and selection; absent for anonymous nodes. */
    nameRange?: SourceRange;
    typeRange: SourceRange;
    /** Data inputs (connections), in schema order; widget parameters are in `args`. */
    inputs: GraphPort[];
    outputs: GraphPort[];
    /** Every argument as resolved: written ones plus defaults of widget parameters. */
    args: Record<string, ArgSource>;
    /** Source range of each written argument (name through value). */
    argRanges: Record<string, SourceRange>;
    /** For subgraph instances: the subgraph's name and the file that defines it. */
    subgraph?: { name: string; uri: string };
}

export interface GraphEdge {
    from: { node: string; output: string };
    to: { node: string; input: string };
    type: PortType;
}

export interface GraphDiagnostic {
    severity: 'error' | 'warning' | 'info' | 'hint';
    message: string;
    code?: string;
    uri: string;
    range: SourceRange;
    /** The node the diagnostic is about, when there is one. */
    node?: string;
}

export interface GraphBody {
    name: string;
    range: SourceRange;
    /** Text of the doc comment above the declaration. */
    doc?: string;
    nodes: GraphNode[];
    edges: GraphEdge[];
}

export type WorkflowGraph = GraphBody & {
    kind: 'workflow';
    /** Where it runs: its `on` clause, else the default engine (`flowstudio.engine`). */
    engine: EngineName;
    /** True when the text names the engine (`workflow W on comfyui`). */
    engineWritten?: boolean;
};

export interface SubgraphGraph extends GraphBody {
    kind: 'subgraph';
    inputs: Array<{ name: string; type: PortType; default?: ParamValue; range: SourceRange }>;
    outputs: Array<{ name: string; type: PortType; source?: { node: string; output: string } | { input: string }; range: SourceRange }>;
}

export interface FlowGraph {
    /** Format version of this JSON; bump on incompatible change. */
    version: 1;
    uri: string;
    workflows: WorkflowGraph[];
    subgraphs: SubgraphGraph[];
    /** Diagnostics of this file (and errors of the files it imports, located at the import). */
    diagnostics: GraphDiagnostic[];
}

/**
 * A workflow ready to execute: subgraphs inlined, every argument resolved to a
 * constant or a wire. Node ids of inlined nodes are `instance/inner` paths.
 */
export interface ExecNode {
    id: string;
    type: string;
    isOutput: boolean;
    /** Constant arguments (schema defaults filled in). */
    params: Record<string, ParamValue>;
    /** Wired inputs and wired widget parameters: argument name -> producing node output. */
    wires: Record<string, { node: string; output: string }>;
    /** Where to point the user when this node fails: the outermost statement in the run file. */
    uri: string;
    range: SourceRange;
    /** Display label: the written name or `Type#n`, with subgraph path. */
    label: string;
}

export interface ExecGraph {
    workflow: string;
    uri: string;
    /** The engine the workflow says it runs on (a run may override it: `--engine`); absent: local. */
    engine?: EngineName;
    nodes: ExecNode[];
}

export type { DataType };
