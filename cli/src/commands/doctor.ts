/** `flowstudio doctor`: which TensorFlow.js backends and kernels are available, and why not. */
export async function doctorCommand(_args: string[]): Promise<number> {
    const { doctorReport } = await import('../../../engine/src/backends/index.js');
    process.stdout.write(await doctorReport() + '\n');
    return 0;
}
