/** One transient status line: a new message replaces the previous one and restarts its timer. */
export class Toast {
    private timer?: ReturnType<typeof setTimeout>;

    constructor(readonly element: HTMLElement) {}

    show(message: string): void {
        this.element.textContent = message;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => { this.element.textContent = ''; }, 4000);
    }
}
