/** How the parts of a run report: run events without the fields every event gets from its run. */
import type { RunEvent } from '../../../catalog/src/run-events.js';

/** Any run event minus the fields every event gets from its run. */
export type EventBody = RunEvent extends infer E ? E extends RunEvent ? Omit<E, 'runId' | 'time'> : never : never;

export type Emit = (body: EventBody) => void;

/** The `backend` that `run-start` names when nothing in the run needs one (everything is cached). */
export const NO_BACKEND = 'none';
