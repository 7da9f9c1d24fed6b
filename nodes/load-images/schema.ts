import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'LoadImages',
    category: 'data',
    description: 'PNG and JPEG images from a folder (relative to the .flow file); labels come from sub-folder names, captions from a `name.txt` next to each image or a `metadata.jsonl` of {"file_name", "text"} lines (images without one are listed in a warning). All images must share one size (a dataset holds one image size; mixed folders are refused, naming two files that differ).',
    inputs: [],
    params: [
        { name: 'path', type: 'STRING', description: 'Folder to read, relative to the .flow file.' },
        { name: 'recursive', type: 'BOOLEAN', default: true, description: 'Descend into sub-folders (their names become labels).' },
        { name: 'limit', type: 'INT', min: 1, optional: true, description: 'Load at most this many images (all when absent).' },
        { name: 'skipUnreadable', type: 'BOOLEAN', default: false, description: 'Skip files that cannot be decoded, with one warning listing them (otherwise the first one stops the run, naming it).' },
    ],
    outputs: [{ name: 'dataset', type: 'DATASET', description: 'Images in [0, 1], shape [n, h, w, c], labels from folders, captions when the folder has them.' }],
    version: 2,
});
