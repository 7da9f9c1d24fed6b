/** Workflow names found without the language server, with """ blocks (closed or still being typed) ignored. */
import assert from 'node:assert/strict';
import { findWorkflowNames, stripCommentsAndStrings } from '../../../client/src/run/workflow-scan.js';

describe('client: workflow scan and """ strings', () => {
    it('ignores workflow headers inside """ blocks, even unterminated ones, keeping line numbers', () => {
        const text = 'workflow A {\n    p = CLIPTextEncode(text: """\n        workflow Fake {\n        "quoted" // not a comment\n        """)\n}\nworkflow B {\n    q = CLIPTextEncode(text: """\n        workflow Late {\n';
        assert.deepEqual(findWorkflowNames(text), ['A', 'B']);
        assert.equal(stripCommentsAndStrings(text).split('\n').length, text.split('\n').length);
        assert.deepEqual(findWorkflowNames('workflow A { x = N(s: "a""") }\nworkflow C {}'), ['A', 'C']);
    });
});
