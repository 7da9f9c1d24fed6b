/** Typed access to a node's constant arguments (already validated against the catalog). */
import { FlowError } from '../errors.js';
import type { Params } from './types.js';

export function intArg(params: Params, name: string): number;
export function intArg(params: Params, name: string, optional: true): number | undefined;
export function intArg(params: Params, name: string, optional?: boolean): number | undefined {
    const v = params[name];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new FlowError(`argument ${name} must be an integer, got ${JSON.stringify(v)}`);
    return v;
}

export function numArg(params: Params, name: string): number {
    const v = params[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FlowError(`argument ${name} must be a number, got ${JSON.stringify(v)}`);
    return v;
}

export function strArg(params: Params, name: string): string {
    const v = params[name];
    if (typeof v !== 'string') throw new FlowError(`argument ${name} must be a string, got ${JSON.stringify(v)}`);
    return v;
}

export function boolArg(params: Params, name: string): boolean {
    const v = params[name];
    if (typeof v !== 'boolean') throw new FlowError(`argument ${name} must be true or false, got ${JSON.stringify(v)}`);
    return v;
}

export function intListArg(params: Params, name: string): number[] | undefined {
    const v = params[name];
    if (v === undefined) return undefined;
    const list = Array.isArray(v) ? v : [v];
    if (!list.every(x => typeof x === 'number' && Number.isInteger(x))) throw new FlowError(`argument ${name} must be a list of integers, got ${JSON.stringify(v)}`);
    return list as number[];
}
