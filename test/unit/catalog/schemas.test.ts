/**
 * The catalog is one source of truth for three consumers, so its cross-references must hold:
 * output properties name parameters of their node, `propertiesOf` and agreements name inputs,
 * `indexInto` names an input whose outputs can describe the property.
 */
import assert from 'node:assert/strict';
import { NODE_SCHEMAS, findArgument } from '../../../catalog/src/index.js';

describe('catalog: schema cross-references', () => {
    for (const schema of NODE_SCHEMAS) {
        it(`${schema.name}: properties, propertiesOf, agreements and indexInto point at real arguments`, () => {
            const inputs = new Set(schema.inputs.map(i => i.name));
            for (const output of schema.outputs) {
                for (const [property, param] of Object.entries(output.properties ?? {})) {
                    assert.equal(findArgument(schema, param)?.kind, 'param', `${output.name}.${property} is set by parameter '${param}'`);
                }
                if (output.propertiesOf !== undefined) assert.ok(inputs.has(output.propertiesOf), `${output.name} keeps the properties of input '${output.propertiesOf}'`);
            }
            for (const agreement of schema.agreements ?? []) {
                for (const input of agreement.inputs) assert.ok(inputs.has(input), `agreement input '${input}'`);
                assert.ok(agreement.properties.length > 0);
            }
            for (const param of schema.params) {
                if (!param.indexInto) continue;
                const input = schema.inputs.find(i => i.name === param.indexInto!.input);
                assert.ok(input, `${param.name} indexes into input '${param.indexInto.input}'`);
                const describes = NODE_SCHEMAS.some(s => s.outputs.some(o => o.type === input.type && o.properties?.[param.indexInto!.property] !== undefined));
                assert.ok(describes, `some node's ${input.type} output describes '${param.indexInto.property}'`);
            }
        });
    }

    it('every property an agreement compares is described by some output of each input\'s type', () => {
        for (const schema of NODE_SCHEMAS) {
            for (const agreement of schema.agreements ?? []) {
                for (const name of agreement.inputs) {
                    const type = schema.inputs.find(i => i.name === name)!.type;
                    for (const property of agreement.properties) {
                        assert.ok(NODE_SCHEMAS.some(s => s.outputs.some(o => o.type === type && (o.properties?.[property] ?? o.fixedProperties?.[property]) !== undefined)),
                            `${schema.name}: no ${type} output describes '${property}'`);
                    }
                }
            }
        }
    });

    it('only STRING parameters are prompts or multi-line, and CLIPTextEncode\'s text is a prompt', () => {
        for (const schema of NODE_SCHEMAS) {
            for (const p of schema.params) if (p.prompt || p.multiline) assert.equal(p.type, 'STRING', `${schema.name}.${p.name}`);
        }
        assert.equal(NODE_SCHEMAS.find(s => s.name === 'CLIPTextEncode')!.params.find(p => p.name === 'text')!.prompt, true);
    });
});
