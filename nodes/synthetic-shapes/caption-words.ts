/**
 * Every phrase a SyntheticShapes caption can be made of ("a large red circle at the top left on
 * a dark blue background"), as pure data: the language server knows a prompt's vocabulary from
 * it without drawing anything. `test/engine/synthetic-caption-words.test.ts` checks that drawn
 * captions use nothing else.
 */
export const SHAPE_SIZES = ['small', 'medium', 'large'] as const;
export const SHAPE_COLORS = ['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'pink', 'white', 'gray', 'black'] as const;
export const SHAPE_KINDS = ['circle', 'square', 'triangle'] as const;
export const SHAPE_POSITIONS = [
    'in the center', 'on the left', 'on the right', 'at the top', 'at the bottom',
    'at the top left', 'at the top right', 'at the bottom left', 'at the bottom right',
] as const;
export const SHAPE_BACKGROUNDS = [
    'black', 'dark gray', 'brown', 'dark red', 'dark yellow', 'dark green', 'dark cyan', 'dark blue', 'dark purple', 'dark pink',
] as const;

/** The caption of one drawn shape from its parts (the form `drawShape` writes). */
export function shapeCaption(size: string, color: string, shape: string, position: string, background: string): string {
    return `a ${size} ${color} ${shape} ${position} on a ${background} background`;
}
