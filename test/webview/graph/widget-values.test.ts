import assert from 'node:assert/strict';
import { getNodeSchema } from '../../../catalog/src/index.js';
import { displayValue, isMultiline, parseWidgetInput, stepValue } from '../../../webview/src/graph/widget-values.js';
import type { WidgetSpec } from '../../../webview/src/graph/view-model.js';

const param = (node: string, name: string): WidgetSpec => getNodeSchema(node)!.params.find(p => p.name === name)!;

describe('graph webview: widget values', () => {
    it('parses integers and floats within their ranges', () => {
        assert.deepEqual(parseWidgetInput(param('TrainGAN', 'batchSize'), ' 128 '), { value: 128 });
        assert.deepEqual(parseWidgetInput(param('TrainGAN', 'batchSize'), '4097'), { error: 'must be <= 4096' });
        assert.deepEqual(parseWidgetInput(param('TrainGAN', 'batchSize'), '1.5'), { error: '1.5 is not an integer' });
        assert.deepEqual(parseWidgetInput(param('TrainGAN', 'learningRate'), '2e-4'), { value: 0.0002 });
        assert.deepEqual(parseWidgetInput(param('TrainGAN', 'learningRate'), '0'), { error: 'must be > 0' });
        assert.deepEqual(parseWidgetInput(param('Normalize', 'low'), '-1'), { value: -1 });
        assert.deepEqual(parseWidgetInput(param('Normalize', 'low'), 'abc'), { error: '"abc" is not a number' });
    });

    it('checks choices, strings, booleans and lists', () => {
        assert.deepEqual(parseWidgetInput(param('DCGANGenerator', 'imageSize'), '64'), { value: 64 });
        assert.deepEqual(parseWidgetInput(param('DCGANGenerator', 'imageSize'), '48'), { error: 'must be one of 28, 32, 64' });
        assert.deepEqual(parseWidgetInput(param('Resize', 'mode'), 'nearest'), { value: 'nearest' });
        assert.deepEqual(parseWidgetInput(param('SaveImages', 'prefix'), '"a \\"b\\""'), { value: 'a "b"' });
        assert.deepEqual(parseWidgetInput(param('SaveImages', 'prefix'), 'plain text'), { value: 'plain text' });
        assert.deepEqual(parseWidgetInput(param('LoadImages', 'recursive'), 'false'), { value: false });
        assert.deepEqual(parseWidgetInput(param('LoadMNIST', 'digits'), '[0, 9]'), { value: [0, 9] });
        assert.deepEqual(parseWidgetInput(param('LoadMNIST', 'digits'), '3,4'), { value: [3, 4] });
        assert.deepEqual(parseWidgetInput(param('LoadMNIST', 'digits'), '[]'), { error: 'needs at least 1 item(s)' });
        assert.deepEqual(parseWidgetInput(param('LoadMNIST', 'digits'), '1, 10'), { error: 'item "10": must be <= 9' });
    });

    it('steps numbers within their bounds and shows values as the language writes them', () => {
        assert.equal(stepValue(param('TrainGAN', 'batchSize'), 4096, 1), 4096);
        assert.equal(stepValue(param('TrainGAN', 'epochs'), 1, -1), 1);
        assert.equal(stepValue(param('TrainGAN', 'beta1'), 0.5, 1), 0.51, 'a tenth of the order of magnitude');
        assert.equal(stepValue(param('TrainGAN', 'learningRate'), 0.0002, -1), 0.00019);
        assert.equal(displayValue('digits/grid'), '"digits/grid"');
        assert.equal(displayValue([1, 2]), '[1, 2]');
        assert.equal(displayValue(undefined), '—');
    });
    it('takes a prompt (a multi-line STRING) exactly as typed: quotes, spaces and line breaks', () => {
        const prompt = param('CLIPTextEncode', 'text');
        assert.ok(isMultiline(prompt) && !isMultiline(param('SaveImages', 'prefix')));
        assert.deepEqual(parseWidgetInput(prompt, '"quoted"\n  (red:1.3) '), { value: '"quoted"\n  (red:1.3) ' });
    });
});
