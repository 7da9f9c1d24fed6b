/** An intent that cannot become a text edit (unknown node, name taken, ...): shown to the user. */
export class EditError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'EditError';
    }
}
