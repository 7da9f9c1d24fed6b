/** Markdown documentation of node types and arguments, shared by hover and completion. */
import { describeParam, type InputSpec, type NodeSchema, type OutputSpec, type ParamSpec } from '../../../../catalog/src/index.js';

export function nodeTypeMarkdown(schema: NodeSchema, subgraph = false): string {
    const lines = [`**${schema.name}** — ${subgraph ? 'subgraph' : schema.category}${schema.isOutput ? ' (output node)' : ''}`];
    const also = [schema.displayName && `"${schema.displayName}"`, schema.comfyName && `ComfyUI class \`${schema.comfyName}\``, schema.deprecated && 'deprecated in ComfyUI'].filter(Boolean);
    if (also.length) lines.push('', also.join(' · '));
    lines.push('', schema.description);
    if (schema.inputs.length) lines.push('', '**Inputs**', ...schema.inputs.map(i => `- \`${i.name}\`: ${inputSummary(i)}`));
    if (schema.params.length) lines.push('', '**Parameters**', ...schema.params.map(p => `- \`${p.name}\`: ${describeParam(p)}`));
    if (schema.outputs.length) lines.push('', '**Outputs**', ...schema.outputs.map(o => `- \`${o.name}\`: ${o.type}`));
    return lines.join('\n');
}

export function inputSummary(input: InputSpec): string {
    return `${input.type}${input.optional ? ', optional' : ', required'}`;
}

export function inputMarkdown(schema: NodeSchema, input: InputSpec): string {
    return `**${input.name}**: ${inputSummary(input)} — input of ${schema.name}\n\n${input.description}`;
}

export function paramMarkdown(schema: NodeSchema, param: ParamSpec): string {
    return `**${param.name}**: ${describeParam(param)} — parameter of ${schema.name}\n\n${param.description}`;
}

export function outputMarkdown(schema: NodeSchema, output: OutputSpec): string {
    return `**${output.name}**: ${output.type} — output of ${schema.name}\n\n${output.description}`;
}
